using System.Collections;
using System.Management.Automation;
using System.Xml.Linq;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>The module as a user meets it: manifest, exported commands, output that suits Export-Csv, views, auth errors.</summary>
public sealed class ModuleShapeTests : ModuleTestBase
{

    public ModuleShapeTests(EmulatorFixture fx) : base(fx) { }

    [Fact]
    public void The_manifest_passes_Test_ModuleManifest_and_exports_explicit_cmdlets()
    {
        var m = Ps.Run("Test-ModuleManifest -Path $args[0]", ModulePaths.Manifest).ThrowIfFailed().Output.Single();
        Assert.Equal(new[] { "Core", "Desktop" }, ((IEnumerable)m.Properties["CompatiblePSEditions"].Value).Cast<object>().Select(o => o.ToString()).OrderBy(x => x));
        Assert.Equal(new Version(5, 1), m.Properties["PowerShellVersion"].Value);
        var manifest = File.ReadAllText(ModulePaths.Manifest);
        Assert.DoesNotContain("'*'", manifest);
        var exported = Ps.Run("(Get-Module MigrationTools).ExportedCmdlets.Keys").ThrowIfFailed().Output.Select(o => o.ToString()).ToList();
        Assert.Equal(ModulePaths.ManifestCmdlets.Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
    }

    /// <summary>A cmdlet class left out of CmdletsToExport would be invisible to users: every one is listed.</summary>
    [Fact]
    public void Every_cmdlet_class_of_the_module_is_in_the_manifest()
    {
        var classes = Ps.Run(@"(Get-Module MigrationTools).ImplementingAssembly.GetExportedTypes() |
            ForEach-Object { $c = [System.Attribute]::GetCustomAttribute($_, [System.Management.Automation.CmdletAttribute]); if ($c -and -not $_.IsAbstract) { $c.VerbName + '-' + $c.NounName } }")
            .ThrowIfFailed().Output.Select(o => o.ToString()!).ToList();
        Assert.NotEmpty(classes);
        Assert.Equal(classes.Order(StringComparer.Ordinal), ModulePaths.ManifestCmdlets.Order(StringComparer.Ordinal));
    }

    /// <summary>The manifest's cmdlets that call an API: those built on HuaweiCloudCmdlet, which share its parameters.</summary>
    private List<CmdletInfo> ApiCmdlets()
    {
        var cmdlets = ModulePaths.ManifestCmdlets
            .Select(n => (CmdletInfo)Ps.Run("Get-Command $args[0]", n).ThrowIfFailed().Output.Single().BaseObject)
            .Where(c => Derives(c.ImplementingType, "HuaweiCloudCmdlet")).ToList();
        Assert.NotEmpty(cmdlets);
        return cmdlets;
    }

    private static bool Derives(Type? type, string baseName)
    {
        for (var t = type?.BaseType; t is not null; t = t.BaseType)
            if (t.Name == baseName) return true;
        return false;
    }

    [Fact]
    public void Every_api_cmdlet_has_the_common_parameters_and_an_output_type()
    {
        foreach (var cmd in ApiCmdlets())
        {
            var name = cmd.Name;
            foreach (var p in new[] { "Region", "ProjectId", "Endpoint", "AccessKey", "SecretKey", "Credential" })
                Assert.True(cmd.Parameters.ContainsKey(p), $"{name} lacks -{p}");
            Assert.NotEmpty(cmd.OutputType);
            if (Derives(cmd.ImplementingType, "HuaweiCloudListCmdlet"))
            {
                Assert.True(cmd.Parameters.ContainsKey("PageSize"), $"{name} lacks -PageSize");
                Assert.True(cmd.Parameters.ContainsKey("First") && cmd.Parameters.ContainsKey("Skip") && cmd.Parameters.ContainsKey("IncludeTotalCount"), $"{name} lacks paging");
            }
        }
    }

    [Fact]
    public void Every_output_type_has_a_table_view_whose_columns_exist()
    {
        // Generated at build from the models' attributes (src/MigrationTools.HelpGen).
        var format = XDocument.Load(Path.Combine(Path.GetDirectoryName(ModulePaths.Manifest)!, "MigrationTools.format.ps1xml"));
        // One table view and one list view per type; the Pester suite checks how they look at 80 columns.
        var views = format.Descendants("View").Where(v => v.Element("TableControl") is not null).ToDictionary(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value);
        var lists = format.Descendants("View").Where(v => v.Element("ListControl") is not null).ToDictionary(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value);
        var outputTypes = ApiCmdlets().SelectMany(c => c.OutputType).Select(t => t.Type).Distinct().ToList();
        Assert.NotEmpty(outputTypes);
        foreach (var type in outputTypes)
        {
            Assert.True(views.ContainsKey(type.FullName!), $"no view for {type.FullName}");
            Assert.True(lists.ContainsKey(type.FullName!), $"no list view for {type.FullName}");
            foreach (var column in views[type.FullName!].Descendants("PropertyName").Concat(lists[type.FullName!].Descendants("PropertyName")))
                Assert.NotNull(type.GetProperty(column.Value));
            // Widths and one space between columns fit an 80-column console.
            var widths = views[type.FullName!].Descendants("Width").Select(w => (int)w).ToList();
            Assert.True(widths.Sum() + widths.Count - 1 <= 80, $"the table of {type.FullName} is wider than 80 columns");
        }
    }

    [Fact]
    public void A_wrong_secret_key_costs_exactly_one_request_and_says_why()
    {
        Ps.PointAt(Emu, secretKey: string.Concat("WRONG", Emu.SecretKey.AsSpan(5)));
        var r = Ps.Run("Get-DcsMigrationTask");
        var e = r.SingleError();
        Assert.Equal(1, Emu.Requests.CountWhere(q => q.Path.EndsWith("/migration-tasks", StringComparison.Ordinal)));
        Assert.Contains("APIG.0301", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, e.CategoryInfo.Category);
        Assert.Contains("HTTP 401", e.Exception.Message);
        Assert.Matches("Request id: [0-9a-f]{32}", e.Exception.Message);
        Secrets.AssertAbsent(r, Emu.SecretKey[5..]);
        Assert.Empty(r.Output);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\\")] // the backslash Get-Credential may put before a user name without domain, as Set-HuaweiCloudProfile drops it
    public void Credential_takes_the_access_key_as_user_name_and_the_secret_key_as_password(string prefix)
    {
        var r = Ps.Run(@"
            $PSDefaultParameterValues.Remove('Get-*:AccessKey'); $PSDefaultParameterValues.Remove('Get-*:SecretKey')
            $cred = [pscredential]::new($args[0], [System.Net.NetworkCredential]::new('', $args[1]).SecurePassword)
            Get-RdsBackupMigrationJob -Credential $cred -First 2", prefix + Emu.AccessKey, Emu.SecretKey).ThrowIfFailed();
        Assert.Equal(2, r.Output.Count);
        Assert.Contains(Emu.Requests.Snapshot(), q => q.Headers.TryGetValue("Authorization", out var a) && a.Contains("Access=" + Emu.AccessKey));
    }

    [Fact]
    public void Debug_shows_the_request_but_never_the_secret()
    {
        var r = Ps.Run("Get-DcsMigrationTask -First 1 -Debug", ps => ps.Runspace.SessionStateProxy.SetVariable("DebugPreference", "Continue")).ThrowIfFailed();
        Assert.Contains(r.Debug, d => d.Contains("GET http://127.0.0.1", StringComparison.Ordinal));
        Assert.Contains(r.Debug, d => d.Contains("Credentials: command-line parameters", StringComparison.Ordinal));
        Secrets.AssertAbsent(r, Emu.SecretKey);
        Assert.DoesNotContain(Emu.AccessKey, string.Join("\n", r.Debug));
    }
}
