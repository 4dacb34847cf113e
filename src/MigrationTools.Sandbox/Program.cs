using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MigrationTools.Emulator;

// Usage: dotnet run --project src/MigrationTools.Sandbox [-- <script.ps1> [--csv <file>]]
// Runs the script (default examples/migration-report.ps1) with the module imported and pointed at a fresh emulator,
// then prints what it returned as a table (the hosted engine has no Format-Table) and optionally writes a CSV.
var repoRoot = FindRepoRoot();
var script = args.FirstOrDefault(a => a.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase)) ?? Path.Combine(repoRoot, "examples", "migration-report.ps1");
var csvIndex = Array.IndexOf(args, "--csv");
var csvPath = csvIndex >= 0 && csvIndex + 1 < args.Length ? args[csvIndex + 1] : null;

await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 });
Console.WriteLine($"Emulator: {emulator.BaseUri} (region {emulator.Region}, project {emulator.ProjectId})");

// Point the module at the emulator the way a user would: the SDK's environment variables and default parameter values.
Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_AK", emulator.AccessKey);
Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_SK", emulator.SecretKey);
Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_PROJECT_ID", emulator.ProjectId);
Environment.SetEnvironmentVariable("MIGRATIONTOOLS_ROCKETMQ_INSTANCES", string.Join(",", emulator.Data.RocketMqInstances.Select(i => i.InstanceId)));

using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
runspace.Open();
using var ps = PowerShell.Create();
ps.Runspace = runspace;
ps.AddScript($"Import-Module '{Path.Combine(repoRoot, "out", "MigrationTools", "MigrationTools.psd1")}' -ErrorAction Stop").Invoke();
ps.Commands.Clear();
ps.AddScript("$PSDefaultParameterValues['Get-*:Endpoint'] = $args[0]; $PSDefaultParameterValues['Get-*:Region'] = $args[1]")
  .AddArgument(emulator.BaseUri.ToString().TrimEnd('/')).AddArgument(emulator.Region).Invoke();
ps.Commands.Clear();

Console.WriteLine($"Running {Path.GetRelativePath(repoRoot, script)}");
var started = DateTime.UtcNow;
ps.AddCommand(script);
var output = ps.Invoke();
var elapsed = DateTime.UtcNow - started;

PrintTable(output);
foreach (var w in ps.Streams.Warning) Console.WriteLine("WARNING: " + w.Message);
foreach (var e in ps.Streams.Error) Console.Error.WriteLine("ERROR: " + e);
Console.WriteLine($"{output.Count} rows in {elapsed.TotalSeconds:0.00} s, {emulator.Requests.Count} HTTP requests to the emulator.");
if (csvPath is not null)
{
    WriteCsv(output, csvPath);
    Console.WriteLine($"CSV written to {csvPath}");
}
return ps.HadErrors ? 1 : 0;

static void PrintTable(IReadOnlyList<PSObject> rows)
{
    if (rows.Count == 0) return;
    var columns = rows[0].Properties.Select(p => p.Name).ToList();
    var cells = rows.Select(r => columns.Select(c => Cell(r.Properties[c]?.Value)).ToList()).ToList();
    var widths = columns.Select((c, i) => Math.Min(40, Math.Max(c.Length, cells.Max(row => row[i].Length)))).ToList();
    Console.WriteLine(string.Join("  ", columns.Select((c, i) => c.PadRight(widths[i]))));
    Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
    foreach (var row in cells.Take(40))
        Console.WriteLine(string.Join("  ", row.Select((v, i) => (v.Length > widths[i] ? v[..(widths[i] - 1)] + "…" : v).PadRight(widths[i]))));
    if (cells.Count > 40) Console.WriteLine($"... and {cells.Count - 40} more rows");
}

static void WriteCsv(IReadOnlyList<PSObject> rows, string path)
{
    if (rows.Count == 0) { File.WriteAllText(path, ""); return; }
    var columns = rows[0].Properties.Select(p => p.Name).ToList();
    static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
    var lines = new List<string> { string.Join(",", columns.Select(Quote)) };
    lines.AddRange(rows.Select(r => string.Join(",", columns.Select(c => Quote(Cell(r.Properties[c]?.Value))))));
    File.WriteAllLines(path, lines);
}

static string Cell(object? value) => value switch
{
    null => "",
    PSObject p => Cell(p.BaseObject),
    DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
    double x => x.ToString("0.##", CultureInfo.InvariantCulture),
    _ => value.ToString() ?? "",
};

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MigrationTools.sln"))) dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
