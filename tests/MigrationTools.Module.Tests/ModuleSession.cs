using System.Collections;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MigrationTools.Emulator;

namespace MigrationTools.Module.Tests;

/// <summary>Where the built module is: out/MigrationTools at the repository root.</summary>
public static class ModulePaths
{
    public static string RepoRoot { get; } = FindRepoRoot();
    public static string Manifest => Path.Combine(RepoRoot, "out", "MigrationTools", "MigrationTools.psd1");

    /// <summary>CmdletsToExport of the built manifest: the list of the module's cmdlets, written at build from the cmdlet classes.</summary>
    public static IReadOnlyList<string> ManifestCmdlets { get; } = ReadManifestCmdlets();

    private static List<string> ReadManifestCmdlets()
    {
        var ast = System.Management.Automation.Language.Parser.ParseFile(Manifest, out _, out var errors);
        if (errors.Length > 0) throw new InvalidOperationException("MigrationTools.psd1 does not parse: " + errors[0].Message);
        var data = (Hashtable)ast.Find(a => a is System.Management.Automation.Language.HashtableAst, false)!.SafeGetValue();
        return ((IEnumerable)data["CmdletsToExport"]!).Cast<object>().Select(o => o.ToString()!).ToList();
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MigrationTools.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MigrationTools.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>What one pipeline produced, on every stream.</summary>
public sealed class RunResult
{
    public required Collection<PSObject> Output { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<string> Verbose { get; init; }
    public required IReadOnlyList<string> Debug { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public IReadOnlyList<ProgressRecord> Progress { get; init; } = Array.Empty<ProgressRecord>();
    public RuntimeException? Terminating { get; init; }

    /// <summary>Everything a user could see, for secret scans.</summary>
    public string AllText()
    {
        var parts = new List<string>();
        parts.AddRange(Output.Select(o => o?.ToString() ?? ""));
        foreach (var o in Output)
        {
            if (o is null) continue;
            foreach (var p in o.Properties) { try { parts.Add(p.Value?.ToString() ?? ""); } catch { } }
        }
        parts.AddRange(Errors.Select(Describe));
        parts.AddRange(Verbose);
        parts.AddRange(Debug);
        parts.AddRange(Warnings);
        if (Terminating is not null) parts.Add(Describe(Terminating.ErrorRecord) + Terminating);
        return string.Join("\n", parts);
    }

    private static string Describe(ErrorRecord e) =>
        $"{e} | {e.FullyQualifiedErrorId} | {e.CategoryInfo} | {e.TargetObject} | {e.Exception} | {e.ErrorDetails?.Message}";
}

/// <summary>
/// A runspace of the real PowerShell engine with the module imported from its manifest, pointed at an emulator
/// through $PSDefaultParameterValues (per runspace, so parallel tests do not share process environment).
/// </summary>
public sealed class ModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleSession(EmulatorHost? emulator = null, bool pointAtEmulator = true)
    {
        var iss = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(iss);
        _runspace.Open();
        Run($"Import-Module '{ModulePaths.Manifest}' -ErrorAction Stop").ThrowIfFailed();
        if (emulator is not null && pointAtEmulator) PointAt(emulator);
    }

    public Runspace Runspace => _runspace;

    /// <summary>Sets -Endpoint, -Region, -ProjectId, -AccessKey and -SecretKey defaults for every cmdlet of the module.</summary>
    public void PointAt(EmulatorHost emulator, string? secretKey = null)
    {
        Run("foreach ($verb in 'Get', 'Wait') { $PSDefaultParameterValues[\"$verb-*:Endpoint\"] = $args[0]; $PSDefaultParameterValues[\"$verb-*:Region\"] = $args[1]; " +
            "$PSDefaultParameterValues[\"$verb-*:ProjectId\"] = $args[2]; $PSDefaultParameterValues[\"$verb-*:AccessKey\"] = $args[3]; " +
            "$PSDefaultParameterValues[\"$verb-*:SecretKey\"] = $args[4] }",
            emulator.BaseUri.ToString().TrimEnd('/'), emulator.Region, emulator.ProjectId, emulator.AccessKey, secretKey ?? emulator.SecretKey).ThrowIfFailed();
    }

    public RunResult Run(string script, params object?[] args) => Run(script, null, args);

    public RunResult Run(string script, Action<PowerShell>? configure, params object?[] args) => Run(script, configure, null, args);

    /// <summary>
    /// Runs <paramref name="script"/>, stopped and failed if it has not ended within <paramref name="bound"/>: a wait
    /// that a regression keeps from ending fails the test quickly instead of hanging the run.
    /// </summary>
    public RunResult RunWithin(TimeSpan bound, string script, params object?[] args) => Run(script, null, bound, args);

    private RunResult Run(string script, Action<PowerShell>? configure, TimeSpan? bound, object?[] args)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (var a in args) ps.AddArgument(a);
        configure?.Invoke(ps);
        Collection<PSObject> output = new();
        RuntimeException? terminating = null;
        try
        {
            if (bound is null) output = ps.Invoke();
            else
            {
                using var collected = new PSDataCollection<PSObject>();
                var running = ps.BeginInvoke<PSObject, PSObject>(null, collected);
                if (!running.AsyncWaitHandle.WaitOne(bound.Value))
                {
                    ps.Stop();
                    throw new Xunit.Sdk.XunitException($"Still running after {bound.Value.TotalSeconds} s, stopped: {script}");
                }
                ps.EndInvoke(running);
                output = new Collection<PSObject>(collected.ToList());
            }
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }
        return new RunResult
        {
            Output = output,
            Errors = ps.Streams.Error.ToList(),
            Verbose = ps.Streams.Verbose.Select(v => v.Message).ToList(),
            Debug = ps.Streams.Debug.Select(v => v.Message).ToList(),
            Warnings = ps.Streams.Warning.Select(v => v.Message).ToList(),
            Progress = ps.Streams.Progress.ToList(),
            Terminating = terminating,
        };
    }

    /// <summary>
    /// Ctrl+C as the console gives it: starts <paramref name="script"/> in this session, waits until
    /// <paramref name="stalled"/> holds (10 s at most) and then <paramref name="settleMs"/> more, checks the call is
    /// still running, and calls Stop(). Asserts that control came back within a second and that the call ended
    /// Stopped with no error record (stopping is not a failure); returns how long Stop() took.
    /// </summary>
    /// <summary>
    /// How long a Stop may take in these tests. Every stall they stop lasts a minute or more (a hang, a latency, a
    /// Retry-After, a poll interval, a held lock), so a Stop that returns before this bound was ended by cancellation,
    /// not by the stall running out; the bound is far above the second a user gets, so load cannot fail the test.
    /// The time each Stop took is returned and printed: the figure, not the assertion, shows the second.
    /// </summary>
    public static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);

    /// <summary>How long a script may take to reach the stalled state a test stops it in.</summary>
    private static readonly TimeSpan StallBound = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs <paramref name="script"/>, waits for the event <paramref name="stalled"/> names (a request the server holds,
    /// a retry announced on the verbose stream, a progress record before the sleep), stops it, and returns how long the
    /// Stop took. The script must still be running then, end Stopped, write no error, and return within <see cref="StopBound"/>.
    /// </summary>
    /// <param name="bound">A shorter bound than <see cref="StopBound"/>, for a stall that ends sooner than a minute.</param>
    public TimeSpan StopWhileRunning(string script, Func<PowerShell, bool> stalled, TimeSpan? bound = null)
    {
        var stopBound = bound ?? StopBound;
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        var running = ps.BeginInvoke();
        var reached = SpinWait.SpinUntil(() => stalled(ps) || ps.InvocationStateInfo.State != PSInvocationState.Running, StallBound);
        Xunit.Assert.True(reached, $"the script did not reach its stalled state within {StallBound.TotalSeconds} s");
        Xunit.Assert.Equal(PSInvocationState.Running, ps.InvocationStateInfo.State);

        var sw = Stopwatch.StartNew();
        var stopped = ps.BeginStop(null, null);
        var returned = stopped.AsyncWaitHandle.WaitOne(stopBound);
        sw.Stop();
        Xunit.Assert.True(returned, $"Stop did not return within {stopBound.TotalSeconds} s: the stall was not cancelled");
        ps.EndStop(stopped);
        try { ps.EndInvoke(running); } catch (PipelineStoppedException) { }

        Xunit.Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Xunit.Assert.Empty(ps.Streams.Error);
        return sw.Elapsed;
    }

    /// <summary>Whether the verbose stream of <paramref name="ps"/> has a line containing <paramref name="text"/>.</summary>
    public static bool SaidVerbose(PowerShell ps, string text) =>
        ps.Streams.Verbose.ToArray().Any(v => v.Message.Contains(text, StringComparison.Ordinal));

    public void Dispose() => _runspace.Dispose();
}

public static class RunResultExtensions
{
    public static RunResult ThrowIfFailed(this RunResult r)
    {
        if (r.Terminating is not null) throw new InvalidOperationException("Script failed: " + r.Terminating.Message, r.Terminating);
        if (r.Errors.Count > 0) throw new InvalidOperationException("Script wrote errors: " + string.Join("; ", r.Errors.Select(e => e.ToString())));
        return r;
    }

    /// <summary>
    /// The error a cmdlet ended with, from a script of the form <c>try { ... } catch { $_ }</c>: only a terminating
    /// error (ThrowTerminatingError, -ErrorAction Stop) reaches the catch block; a non-terminating one does not.
    /// </summary>
    public static ErrorRecord CaughtError(this RunResult r) =>
        Xunit.Assert.IsType<ErrorRecord>(Xunit.Assert.Single(r.Output, o => o?.BaseObject is ErrorRecord)!.BaseObject);

    /// <summary>The single error of a run, terminating or not.</summary>
    public static ErrorRecord SingleError(this RunResult r)
    {
        var all = r.Errors.ToList();
        if (r.Terminating is not null) all.Add(r.Terminating.ErrorRecord);
        return Xunit.Assert.Single(all);
    }
}

/// <summary>One emulator per test class, started in-process on a free port.</summary>
public sealed class EmulatorFixture : IAsyncDisposable, Xunit.IAsyncLifetime
{
    public EmulatorHost Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, EnableLockout = false });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    async ValueTask IAsyncDisposable.DisposeAsync() => await Emulator.DisposeAsync();
}
