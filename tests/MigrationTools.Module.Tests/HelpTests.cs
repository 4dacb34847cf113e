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


    /// <summary>
    /// What the help states against what the code does, for every cmdlet: SYNTAX has every parameter set PowerShell
    /// makes (hidden parameters aside), each default the code sets is the default the help shows and no other
    /// default is stated, columns named in a sentence about tables are columns of the type's default table view
    /// (read from MigrationTools.format.ps1xml, so the check follows the views), what -First and -Skip do to ids is
    /// never denied, and the about topic lists every cmdlet and the page size of every listing.
    /// </summary>
    [Fact]
    public void Help_states_what_the_code_does()
    {
        InEnglish(ps =>
        {
            var views = Path.Combine(Path.GetDirectoryName(ModulePaths.Manifest)!, "MigrationTools.format.ps1xml");
            var about = Path.Combine(Path.GetDirectoryName(ModulePaths.Manifest)!, "en-US", "about_MigrationTools.help.txt");
            var problems = ps.Run(EngineParameters + HelpAgainstCode, ModulePaths.ManifestCmdlets.ToArray(), views, about).ThrowIfFailed()
                .Output.Select(o => o.ToString()).ToList();
            Assert.True(problems.Count == 0, "Help says other than the code:\n  " + string.Join("\n  ", problems));
        });
    }

    /// <summary>The check must fail for help that drifts: here a default the help does not show.</summary>
    [Fact]
    public void Help_that_drifts_from_the_code_is_reported()
    {
        InEnglish(ps =>
        {
            ps.Run(@"function global:Wait-Drifting {
                <#
                .SYNOPSIS
                Waits. The default table shows TaskName and Nothing.
                .PARAMETER PollInterval
                Seconds between polls, default 5.
                #>
                [CmdletBinding(DefaultParameterSetName = 'A')]
                param([Parameter(ParameterSetName = 'A')] [int] $PollInterval = 10, [Parameter(ParameterSetName = 'B')] [string] $Other) }").ThrowIfFailed();
            var problems = ps.Run(EngineParameters + HelpAgainstCode, new[] { "Wait-Drifting" }, "", "").ThrowIfFailed().Output.Select(o => o.ToString()).ToList();
            Assert.Contains(problems, p => p.Contains("PollInterval", StringComparison.Ordinal) && p.Contains("default 5", StringComparison.Ordinal));
        });
    }

    /// <summary>
    /// $args[0]: the cmdlets; $args[1]: the views file, $args[2] the about topic ('' for none). Writes one line per disagreement. Functions
    /// (the drift test) have no implementing type: only the stated defaults are checked for them, against their
    /// parameters' own default values.
    /// </summary>
    private const string HelpAgainstCode = @"
        $tables = @{}
        if ($args[1]) {
            foreach ($view in ([xml][System.IO.File]::ReadAllText($args[1])).Configuration.ViewDefinitions.View) {
                $type = [string]$view.ViewSelectedBy.TypeName
                if (-not $view.TableControl -or $tables.ContainsKey($type)) { continue }
                $labels = @($view.TableControl.TableHeaders.TableColumnHeader | ForEach-Object { $_.Label }) +
                    @($view.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem | ForEach-Object { $_.PropertyName })
                $tables[$type] = @($labels | Where-Object { $_ } | ForEach-Object { ($_ -split ' ')[0] })
            }
        }
        function Test-HasValue($value) {
            if ($null -eq $value -or ($value -is [string] -and $value -eq '')) { return $false }
            if ($value -is [System.Management.Automation.SwitchParameter]) { return $value.IsPresent }
            if ($value -is [array]) { return $value.Count -gt 0 }
            if ($value -is [ValueType]) { return -not $value.Equals([Activator]::CreateInstance($value.GetType())) }
            return $true
        }
        function Get-Sentences([string[]] $paragraphs) { foreach ($p in $paragraphs) { $p -split '(?<=\.)\s+' } }
        # (This engine has no Sort-Object: the names are sorted by .NET.)
        function Join-Sorted([string[]] $names) { $names = @($names); [Array]::Sort($names, [StringComparer]::Ordinal); $names -join ' ' }
        foreach ($name in $args[0]) {
            $command = Get-Command $name
            $help = Get-Help $name -Full
            $type = $command.ImplementingType
            $instance = if ($type) { [Activator]::CreateInstance($type) }

            # Every parameter set PowerShell makes is a SYNTAX item, with the same parameters.
            $hidden = { param($p) @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }).Count -gt 0 }
            $sets = @($command.ParameterSets | ForEach-Object {
                Join-Sorted @($_.Parameters | Where-Object { $skip -notcontains $_.Name -and -not (& $hidden $_) } | ForEach-Object Name) })
            $syntax = @($help.syntax.syntaxItem | Where-Object { $_ } | ForEach-Object {
                Join-Sorted @($_.parameter | Where-Object { $_ } | ForEach-Object { [string]$_.name } | Where-Object { $skip -notcontains $_ }) })
            if ($type) {
                if ($syntax.Count -ne $sets.Count) { ""${name}: SYNTAX shows $($syntax.Count) parameter set(s), the cmdlet has $($sets.Count)"" }
                foreach ($set in $sets) { if ($syntax -notcontains $set) { ""${name}: the parameter set [$set] is not in SYNTAX"" } }
            }

            # Defaults: the code's value (a new instance's property, or a function's default) is the one shown.
            foreach ($p in @($help.parameters.parameter | Where-Object { $_ })) {
                $pname = [string]$p.name
                if ($skip -contains $pname) { continue }
                if ($type) {
                    $property = $type.GetProperty($pname)
                    if (-not $property) { continue }
                    $value = $property.GetValue($instance)
                } else {
                    $ast = $command.ScriptBlock.Ast.Body.ParamBlock.Parameters | Where-Object { $_.Name.VariablePath.UserPath -eq $pname }
                    $value = if ($ast.DefaultValue) { $ast.DefaultValue.SafeGetValue() }
                }
                $has = Test-HasValue $value
                $text = if ($value -is [array]) { $value -join ', ' } else { [string]$value }
                $stated = [string]$p.defaultValue
                $described = (@($p.description | Where-Object { $_ }) | ForEach-Object { $_.Text }) -join ' '
                if ($has -and -not $stated.StartsWith($text)) { ""${name} -${pname}: the code's default is $text; help shows '$stated'"" }
                if (-not $has -and $stated -match '^\d') { ""${name} -${pname}: help shows the default '$stated'; the code sets none"" }
                foreach ($m in [regex]::Matches($described, '(?i)\bdefault(?: value)?(?: is|:)?\s+(\d+)')) {
                    if (-not $has -or $m.Groups[1].Value -ne $text) { ""${name} -${pname}: the description says '$($m.Value)'; the code's default is $(if ($has) { $text } else { 'none' })"" }
                }
            }

            # Columns named in a sentence about tables are columns of the output types' default table views.
            $outputs = @($command.OutputType | ForEach-Object { $_.Type } | Where-Object { $_ -and $_ -ne [void] })
            $columns = @($outputs | ForEach-Object { $tables[$_.FullName] } | Where-Object { $_ })
            $properties = @($outputs | ForEach-Object { $_.GetProperties().Name })
            $paragraphs = @($help.description | ForEach-Object { $_.Text }) + @($help.examples.example | ForEach-Object { $_.remarks | ForEach-Object { $_.Text } }) +
                @($help.alertSet.alert | ForEach-Object { $_.Text }) + @($help.returnValues.returnValue | ForEach-Object { $_.returnValue.description; $_.description } | ForEach-Object { $_.Text }) +
                @($help.parameters.parameter | ForEach-Object { $_.description | ForEach-Object { $_.Text } })
            foreach ($sentence in Get-Sentences $paragraphs) {
                if ($sentence -notmatch '\b(table|columns?)\b' -or $sentence -match 'Format-Table|Select-Object') { continue }
                foreach ($property in $properties) {
                    if ($sentence -cmatch ""\b$property\b"" -and $columns -notcontains $property) { ""${name}: '$sentence' names $property, which no default table view of its output shows"" }
                }
            }

            # -First and -Skip narrow the ids of a by-id call: no sentence says otherwise.
            if ($command.Parameters.ContainsKey('First')) {
                foreach ($sentence in Get-Sentences $paragraphs) {
                    if ($sentence -match '-(First|Skip)' -and $sentence -match '-(TaskId|JobId)' -and $sentence -match ""\bnot\b|n't"") { ""${name}: '$sentence' denies that -First and -Skip narrow the ids"" }
                }
            }
        }

        # The about topic (as laid out, where Get-Help finds it) lists every cmdlet and the page size of every listing.
        if ($args[2]) {
            $about = [System.IO.File]::ReadAllText($args[2])
            foreach ($name in $args[0]) {
                if ($about -notmatch ""\b$([regex]::Escape($name))\b"") { ""about_MigrationTools does not list $name"" }
                $command = Get-Command $name
                if ($command.Parameters.ContainsKey('PageSize')) {
                    $size = ([Activator]::CreateInstance($command.ImplementingType)).PageSize
                    if ($about -notmatch ""module default $size\b"") { ""about_MigrationTools does not state the page size $size of $name"" }
                }
            }
        }";

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
