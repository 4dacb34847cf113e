using System.Collections;
using System.Management.Automation;
using System.Xml.Linq;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>The module as a user meets it: manifest, exported commands, output that suits Export-Csv, views, auth errors.</summary>
public sealed class ModuleShapeTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private static readonly string[] ApiCmdlets = { "Get-DcsMigrationTask", "Get-DcsMigrationStats", "Get-RocketMqMigrationTask", "Get-RdsBackupMigrationJob" };
    private readonly EmulatorHost _emu;
    private readonly ModuleSession _ps;

    public ModuleShapeTests(EmulatorFixture fx)
    {
        _emu = fx.Emulator;
        _ps = new ModuleSession(_emu);
        _emu.Requests.Clear();
    }

    public void Dispose() => _ps.Dispose();

    [Fact]
    public void The_manifest_passes_Test_ModuleManifest_and_exports_explicit_cmdlets()
    {
        var m = _ps.Run("Test-ModuleManifest -Path $args[0]", ModulePaths.Manifest).ThrowIfFailed().Output.Single();
        Assert.Equal(new[] { "Core", "Desktop" }, ((IEnumerable)m.Properties["CompatiblePSEditions"].Value).Cast<object>().Select(o => o.ToString()).OrderBy(x => x));
        Assert.Equal(new Version(5, 1), m.Properties["PowerShellVersion"].Value);
        var manifest = File.ReadAllText(ModulePaths.Manifest);
        Assert.DoesNotContain("'*'", manifest);
        var exported = _ps.Run("(Get-Module MigrationTools).ExportedCmdlets.Keys").ThrowIfFailed().Output.Select(o => o.ToString()).ToList();
        Assert.All(ApiCmdlets, c => Assert.Contains(c, exported));
    }

    [Fact]
    public void Every_api_cmdlet_has_the_common_parameters_and_an_output_type()
    {
        foreach (var name in ApiCmdlets)
        {
            var cmd = (CmdletInfo)_ps.Run("Get-Command $args[0]", name).ThrowIfFailed().Output.Single().BaseObject;
            foreach (var p in new[] { "Region", "ProjectId", "Endpoint", "AccessKey", "SecretKey", "Credential" })
                Assert.True(cmd.Parameters.ContainsKey(p), $"{name} lacks -{p}");
            Assert.NotEmpty(cmd.OutputType);
            if (name != "Get-DcsMigrationStats")
            {
                Assert.True(cmd.Parameters.ContainsKey("PageSize"), $"{name} lacks -PageSize");
                Assert.True(cmd.Parameters.ContainsKey("First") && cmd.Parameters.ContainsKey("Skip") && cmd.Parameters.ContainsKey("IncludeTotalCount"), $"{name} lacks paging");
            }
        }
    }

    /// <summary>
    /// Export-Csv writes each property's ToString(). The engine here has no Export-Csv, so this asks the same of
    /// every property of every output type: no cell may come out as a .NET type name.
    /// </summary>
    [Fact]
    public void Every_output_type_exports_to_csv_as_readable_cells()
    {
        var mq = _emu.Data.RocketMqInstances.First(i => i.Tasks.Any(t => t.Type == "rabbitToRocket"));
        var rabbit = mq.Tasks.First(t => t.Type == "rabbitToRocket");
        var rocket = _emu.Data.RocketMqInstances.SelectMany(i => i.Tasks.Select(t => (i, t))).First(x => x.t.Type == "rocketmq");
        var onlineTask = _emu.Data.DcsTasks.First(t => t.Stats is not null);
        var backupTask = _emu.Data.DcsTasks.First(t => t.MigrationType == "backupfile_import");
        var r = _ps.Run(@"
            Get-DcsMigrationTask -First 50
            Get-DcsMigrationTask -TaskId $args[0], $args[1]
            Get-DcsMigrationStats -TaskId $args[0]
            Get-RocketMqMigrationTask -InstanceId $args[2] -First 50
            Get-RocketMqMigrationTask -InstanceId $args[2] -TaskId $args[3]
            Get-RocketMqMigrationTask -InstanceId $args[4] -TaskId $args[5]
            Get-RdsBackupMigrationJob -First 50",
            onlineTask.TaskId, backupTask.TaskId, mq.InstanceId, rabbit.Id, rocket.i.InstanceId, rocket.t.Id).ThrowIfFailed();

        var types = r.Output.Select(o => o.BaseObject.GetType().Name).Distinct().ToList();
        Assert.Equal(new[] { "DcsMigrationStats", "DcsMigrationTask", "DcsMigrationTaskDetail", "RdsBackupMigrationJob", "RocketMqMigrationTask", "RocketMqMigrationTaskDetail" }, types.OrderBy(x => x));
        foreach (var o in r.Output)
        {
            foreach (var p in o.Properties)
            {
                var value = p.Value;
                if (value is null) continue;
                var cell = value.ToString();
                Assert.False(cell == value.GetType().FullName || (cell ?? "").StartsWith("System.", StringComparison.Ordinal) || (cell ?? "").StartsWith("MigrationTools.", StringComparison.Ordinal),
                    $"{o.BaseObject.GetType().Name}.{p.Name} would export as '{cell}'");
            }
        }
        var detail = r.Output.Single(o => o.BaseObject.GetType().Name == "RocketMqMigrationTaskDetail" && (string)o.Properties["Type"].Value == "rabbitToRocket");
        Assert.Equal(string.Join("; ", rabbit.Vhosts), detail.Properties["Vhosts"].Value.ToString());
    }

    [Fact]
    public void The_main_job_reports_every_task_of_the_four_services()
    {
        var ids = _emu.Data.RocketMqInstances.Select(i => i.InstanceId).ToArray();
        var r = _ps.Run("& $args[0] -RocketMqInstanceId $args[1]", Path.Combine(ModulePaths.RepoRoot, "examples", "migration-report.ps1"), ids).ThrowIfFailed();
        int Count(string service) => r.Output.Count(o => (string)o.Properties["Service"].Value == service);
        Assert.Equal(_emu.Data.DcsTasks.Count, Count("DCS"));
        Assert.Equal(_emu.Data.RocketMqInstances.Sum(i => i.Tasks.Count), Count("RocketMQ"));
        Assert.Equal(_emu.Data.DrsJobs.Count, Count("RDS"));
        var running = _emu.Data.DcsTasks.Where(t => t.Stats is not null && t.Status == "MIGRATING").Select(t => t.TaskId).ToHashSet();
        Assert.NotEmpty(running);
        Assert.All(r.Output.Where(o => running.Contains((string)o.Properties["Id"].Value)), o => Assert.IsType<double>(o.Properties["Progress"].Value));
    }

    [Fact]
    public void Every_output_type_has_a_table_view_whose_columns_exist()
    {
        var format = XDocument.Load(Path.Combine(Path.GetDirectoryName(ModulePaths.Manifest)!, "MigrationTools.format.ps1xml"));
        var views = format.Descendants("View").ToDictionary(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value);
        var outputTypes = ApiCmdlets.SelectMany(n => ((CmdletInfo)_ps.Run("Get-Command $args[0]", n).Output.Single().BaseObject).OutputType).Select(t => t.Type).Distinct().ToList();
        Assert.Equal(6, outputTypes.Count);
        foreach (var type in outputTypes)
        {
            Assert.True(views.ContainsKey(type.FullName!), $"no view for {type.FullName}");
            foreach (var column in views[type.FullName!].Descendants("PropertyName"))
                Assert.NotNull(type.GetProperty(column.Value));
        }
    }

    [Fact]
    public void A_wrong_secret_key_costs_exactly_one_request_and_says_why()
    {
        _ps.PointAt(_emu, secretKey: string.Concat("WRONG", _emu.SecretKey.AsSpan(5)));
        var r = _ps.Run("Get-DcsMigrationTask");
        var e = r.SingleError();
        Assert.Equal(1, _emu.Requests.CountWhere(q => q.Path.EndsWith("/migration-tasks", StringComparison.Ordinal)));
        Assert.Contains("APIG.0301", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, e.CategoryInfo.Category);
        Assert.Contains("HTTP 401", e.Exception.Message);
        Assert.Matches("Request id: [0-9a-f]{32}", e.Exception.Message);
        Assert.DoesNotContain(_emu.SecretKey.Substring(5), r.AllText());
        Assert.Empty(r.Output);
    }

    [Fact]
    public void Credential_takes_the_access_key_as_user_name_and_the_secret_key_as_password()
    {
        var r = _ps.Run(@"
            $PSDefaultParameterValues.Remove('Get-*:AccessKey'); $PSDefaultParameterValues.Remove('Get-*:SecretKey')
            $cred = [pscredential]::new($args[0], [System.Net.NetworkCredential]::new('', $args[1]).SecurePassword)
            Get-RdsBackupMigrationJob -Credential $cred -First 2", _emu.AccessKey, _emu.SecretKey).ThrowIfFailed();
        Assert.Equal(2, r.Output.Count);
        Assert.Contains(_emu.Requests.Snapshot(), q => q.Headers.TryGetValue("Authorization", out var a) && a.Contains("Access=" + _emu.AccessKey));
    }

    [Fact]
    public void Debug_shows_the_request_but_never_the_secret()
    {
        var r = _ps.Run("Get-DcsMigrationTask -First 1 -Debug", ps => ps.Runspace.SessionStateProxy.SetVariable("DebugPreference", "Continue")).ThrowIfFailed();
        Assert.Contains(r.Debug, d => d.Contains("GET http://127.0.0.1", StringComparison.Ordinal));
        Assert.Contains(r.Debug, d => d.Contains("Credentials: command-line parameters", StringComparison.Ordinal));
        Assert.DoesNotContain(_emu.SecretKey, r.AllText());
        Assert.DoesNotContain(_emu.AccessKey, string.Join("\n", r.Debug));
    }
}
