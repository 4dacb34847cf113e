using System.Collections;
using System.Globalization;
using System.Management.Automation;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>
/// Get-Help, as a user runs it, for every cmdlet the module exports: a written synopsis (not the syntax PowerShell
/// generates when there is no help), a description, examples, and a description of every parameter the cmdlet
/// declares, as the generated MAML (out/MigrationTools/en-US/MigrationTools.dll-Help.xml) gives them to Get-Help.
/// The build itself refuses help sources without them (src/MigrationTools.HelpGen); this checks what users get.
/// </summary>
public sealed class HelpTests
{
    /// <summary>Every cmdlet has at least this many examples (the build's help generator requires as many).</summary>
    private const int MinimumExamples = 2;

    /// <summary>Added by PowerShell (common parameters, SupportsPaging): described by PowerShell, not by the module.</summary>
    private const string EngineParameters =
        "$skip = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters) + @('First', 'Skip', 'IncludeTotalCount')";

    /// <summary>What Get-Help -Full says about one command, reduced to what the checks need.</summary>
    private const string DescribeHelp = EngineParameters + @"
        $name = $args[0]
        $help = Get-Help -Name $name -Full
        $command = Get-Command -Name $name
        $documented = @{}
        foreach ($p in @($help.parameters.parameter | Where-Object { $_ })) {
            $documented[[string]$p.name] = (@($p.description | Where-Object { $_ }) | ForEach-Object { $_.Text }) -join ' '
        }
        [pscustomobject]@{
            TypeName    = $help.PSObject.TypeNames[0]
            Synopsis    = [string]$help.Synopsis
            Description = (@($help.description | Where-Object { $_ }) | ForEach-Object { $_.Text }) -join ' '
            Examples    = @($help.examples.example | Where-Object { $_ }).Count
            EmptyExamples = @($help.examples.example | Where-Object { $_ -and -not ([string]$_.code).Trim() }).Count
            Declared    = @($command.Parameters.Keys | Where-Object { $skip -notcontains $_ })
            Documented  = $documented
            Outputs     = @($help.returnValues.returnValue | Where-Object { $_ }).Count
        }";

    [Fact]
    public void Every_cmdlet_of_the_manifest_has_full_help()
    {
        InEnglish(ps =>
        {
            var cmdlets = ModulePaths.ManifestCmdlets;
            Assert.NotEmpty(cmdlets);
            var problems = cmdlets.SelectMany(name => HelpProblems(ps, name)).ToList();
            Assert.True(problems.Count == 0, "Help problems:\n  " + string.Join("\n  ", problems));
        });
    }

    /// <summary>The check itself must fail for a command without help: PowerShell then generates a synopsis from the syntax.</summary>
    [Fact]
    public void A_command_without_help_is_reported()
    {
        InEnglish(ps =>
        {
            ps.Run("function global:Get-Undocumented { [CmdletBinding()] param([string] $Name, [int] $Count) }").ThrowIfFailed();
            var problems = HelpProblems(ps, "Get-Undocumented");
            Assert.Contains(problems, p => p.Contains("synopsis", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("examples", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("-Name", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("-Count", StringComparison.Ordinal));
        });
    }

    /// <summary>
    /// The test host runs under the invariant culture here (LANG=C.UTF-8), as CI does. PowerShell falls back to
    /// en-US for help files, so users whose culture is not en-US get the English help rather than none.
    /// </summary>
    [Fact]
    public void Help_is_found_under_the_invariant_culture_too()
    {
        InCulture(CultureInfo.InvariantCulture, ps =>
        {
            var help = Describe(ps, "Get-DcsMigrationTask");
            Assert.StartsWith("MamlCommandHelpInfo", (string)help.Properties["TypeName"].Value);
            Assert.StartsWith("Lists the DCS (Redis) migration tasks", (string)help.Properties["Synopsis"].Value);
        });
    }

    [Fact]
    public void ValidateSet_values_are_listed_and_the_paging_rule_is_stated()
    {
        InEnglish(ps =>
        {
            var values = ps.Run("@((Get-Help Get-RdsBackupMigrationJob -Parameter Status).parameterValueGroup.parameterValue)").ThrowIfFailed()
                .Output.Select(o => o.ToString()).ToList();
            Assert.Equal(new[] { "TRANSFERRING", "SUCCESS", "FAILED", "PRECHECK FAILED" }, values);
            // (This engine has no Out-String: read the paragraphs of the notes.)
            var notes = string.Join(" ", ps.Run("@((Get-Help Get-RocketMqMigrationTask -Full).alertSet.alert) | ForEach-Object { $_.Text }").ThrowIfFailed().Output.Select(o => o.ToString()));
            Assert.Contains("page number", notes, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("UTC", notes, StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// about_MigrationTools (src/MigrationTools/en-US/about_MigrationTools.help.txt) is laid out by the build, which copies
    /// en-US/*.txt into out/MigrationTools/en-US (the cmdlets' MAML beside it is generated).
    /// </summary>
    [Fact]
    public void The_about_topic_is_laid_out_with_the_module_and_found_by_Get_Help()
    {
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(ModulePaths.Manifest)!, "en-US", "about_MigrationTools.help.txt")),
            "out/MigrationTools/en-US/about_MigrationTools.help.txt is missing");
        InEnglish(ps =>
        {
            var text = string.Concat(ps.Run("Get-Help about_MigrationTools").ThrowIfFailed().Output.Select(o => o.ToString()));
            Assert.Contains("about_MigrationTools", text, StringComparison.Ordinal);
            Assert.Contains("HUAWEICLOUD_SDK_AK", text, StringComparison.Ordinal);
            Assert.Contains("PAGING", text, StringComparison.Ordinal);
        });
    }


    private static PSObject Describe(ModuleSession ps, string name) =>
        ps.Run(DescribeHelp, name).ThrowIfFailed().Output.Single();

    /// <summary>Everything wrong with the help of one command; empty when it is complete.</summary>
    private static List<string> HelpProblems(ModuleSession ps, string name)
    {
        var problems = new List<string>();
        var help = Describe(ps, name);
        var typeName = (string)help.Properties["TypeName"].Value;
        var synopsis = ((string)help.Properties["Synopsis"].Value ?? string.Empty).Trim();
        var description = ((string)help.Properties["Description"].Value ?? string.Empty).Trim();
        var examples = (int)help.Properties["Examples"].Value;
        var emptyExamples = (int)help.Properties["EmptyExamples"].Value;
        var outputs = (int)help.Properties["Outputs"].Value;
        var declared = ((IEnumerable)help.Properties["Declared"].Value).Cast<object>().Select(o => o.ToString()!).ToList();
        var documentedValue = help.Properties["Documented"].Value;
        var documented = ((IDictionary)(documentedValue is PSObject wrapped ? wrapped.BaseObject : documentedValue))
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.OrdinalIgnoreCase);

        // Without MAML, Get-Help invents a synopsis from the syntax: "Get-X [[-Name] <string>] [<CommonParameters>]".
        if (!typeName.StartsWith("MamlCommandHelpInfo", StringComparison.Ordinal)
            || synopsis.Length == 0
            || synopsis.StartsWith(name, StringComparison.OrdinalIgnoreCase)
            || synopsis.Contains("<CommonParameters>", StringComparison.Ordinal)
            || synopsis.Contains("[-", StringComparison.Ordinal))
            problems.Add($"{name}: no written synopsis (help type {typeName}, synopsis '{Shorten(synopsis)}'); write the cmdlet class's /// <summary> and <remarks>, and Help/<Verb-Noun>.md");
        if (description.Length == 0) problems.Add($"{name}: no description");

        if (examples < MinimumExamples) problems.Add($"{name}: {examples} examples, at least {MinimumExamples} expected");
        if (emptyExamples > 0) problems.Add($"{name}: {emptyExamples} examples without code");
        if (typeName.StartsWith("MamlCommandHelpInfo", StringComparison.Ordinal) && outputs == 0) problems.Add($"{name}: no return values (command:returnValues)");

        foreach (var parameter in declared)
        {
            if (!documented.TryGetValue(parameter, out var text) || string.IsNullOrWhiteSpace(text))
                problems.Add($"{name}: -{parameter} has no description");
        }
        // Help for a parameter the cmdlet no longer has (renamed, removed) misleads: report it too.
        var engine = ps.Run(EngineParameters + "; $skip").ThrowIfFailed().Output.Select(o => o.ToString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in documented.Keys.Where(p => !engine.Contains(p) && !declared.Contains(p, StringComparer.OrdinalIgnoreCase)))
            problems.Add($"{name}: help describes -{parameter}, which the cmdlet does not have");
        return problems;
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : string.Concat(s.AsSpan(0, 80), "...");

    private static void InEnglish(Action<ModuleSession> test) => InCulture(new CultureInfo("en-US"), test);

    /// <summary>
    /// Opens the session under <paramref name="culture"/> (the runspace takes the UI culture of the thread that opens
    /// it) and restores the thread's culture after; only this thread is touched, never the process default.
    /// </summary>
    private static void InCulture(CultureInfo culture, Action<ModuleSession> test)
    {
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            using var ps = new ModuleSession();
            test(ps);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
