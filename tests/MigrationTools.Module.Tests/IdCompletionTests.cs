using System.Management.Automation;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>Issue 10 item 4: -TaskId, -JobId and -InstanceId complete real ids through TabExpansion2, as a user's Tab does.</summary>
public sealed class IdCompletionTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorHost _emu;
    private readonly ModuleSession _ps;
    private readonly string _folder;

    public IdCompletionTests(EmulatorFixture fx)
    {
        _emu = fx.Emulator;
        // No $PSDefaultParameterValues: the connection comes from the command line being completed.
        _ps = new ModuleSession(_emu, pointAtEmulator: false);
        // A folder with files whose names start like the words completed: they must never be offered.
        _folder = Directory.CreateTempSubdirectory("mt-completion-").FullName;
        File.WriteAllText(Path.Combine(_folder, "zz-not-an-id.txt"), "");
        File.WriteAllText(Path.Combine(_folder, "dcs-migration-file.txt"), "");
        _ps.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($args[0])", _folder).ThrowIfFailed();
    }

    public void Dispose()
    {
        _ps.Dispose();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private string Connection(string? endpoint = null) =>
        $"-Endpoint {endpoint ?? _emu.BaseUri.ToString().TrimEnd('/')} -Region {_emu.Region} -ProjectId {_emu.ProjectId} -AccessKey {_emu.AccessKey} -SecretKey {_emu.SecretKey}";

    private List<CompletionResult> Complete(string line) => CompleteOnceListed(_ps, line);

    private static List<CompletionResult> Tab(ModuleSession session, string line)
    {
        var r = session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches", line).ThrowIfFailed();
        Assert.Empty(r.Warnings);
        return r.Output.Select(o => (CompletionResult)o.BaseObject).ToList();
    }

    /// <summary>
    /// What Tab offers once its listing has answered. A Tab waits for the listing only so long (IdCompleter.Budget),
    /// then offers nothing while the listing goes on and fills the cache for the next Tab: on a loaded machine a
    /// first Tab may offer nothing. These tests hold what is offered, not how fast, so they press Tab again until
    /// something is (a listing that never answers fails the test after a minute). A line expected to offer nothing
    /// is completed after the same line without its prefix, so its listing is in the cache.
    /// </summary>
    private static List<CompletionResult> CompleteOnceListed(ModuleSession session, string line)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var matches = Tab(session, line);
            if (matches.Count > 0) return matches;
            Assert.True(DateTime.UtcNow < until, $"Tab offered nothing for a minute: {line}");
            Thread.Sleep(50); // the listing is still going on (or failed): ask again, as a user presses Tab again
        }
    }

    [Fact]
    public void TaskId_completes_the_projects_DCS_task_ids_with_their_names_in_the_tooltip()
    {
        var matches = Complete($"Wait-DcsMigrationTask {Connection()} -TaskId ");
        var expected = _emu.Data.DcsTasks.Take(100).ToList();
        Assert.Equal(expected.Select(t => t.TaskId), matches.Select(m => m.CompletionText));
        Assert.Contains(expected[0].TaskName, matches[0].ToolTip);
        Assert.Equal(CompletionResultType.ParameterValue, matches[0].ResultType);
    }

    [Fact]
    public void The_connection_may_come_from_PSDefaultParameterValues()
    {
        using var session = new ModuleSession(_emu); // sets Get-*/Wait-* defaults for -Endpoint, -Region, keys
        Assert.Equal(100, CompleteOnceListed(session, "Wait-RdsBackupMigrationJob -JobId ").Count);
    }

    [Fact]
    public void A_typed_prefix_narrows_the_ids_and_the_listing_is_cached()
    {
        var task = _emu.Data.DcsTasks[7];
        var line = $"Get-DcsMigrationStats {Connection()} -TaskId {task.TaskId[..6]}";
        Assert.Contains(task.TaskId, Complete(line).Select(m => m.CompletionText));
        var before = _emu.Requests.CountWhere(q => q.Path.EndsWith("/migration-tasks"));
        Assert.Contains(task.TaskId, Complete(line).Select(m => m.CompletionText));
        Assert.Equal(before, _emu.Requests.CountWhere(q => q.Path.EndsWith("/migration-tasks")));
    }

    [Fact]
    public void JobId_completes_DRS_jobs_and_InstanceId_only_RocketMQ_instances()
    {
        var jobs = Complete($"Get-RdsBackupMigrationJob {Connection()} -JobId ");
        Assert.Equal(100, jobs.Count);
        Assert.All(jobs, m => Assert.Contains(m.CompletionText, _emu.Data.DrsJobs.Select(j => j.Id)));
        var instances = Complete($"Get-RocketMqMigrationTask {Connection()} -InstanceId ");
        Assert.Equal(_emu.Data.RocketMqInstances.Select(i => i.InstanceId), instances.Select(m => m.CompletionText));
        Assert.Contains(_emu.Data.RocketMqInstances[0].Name, instances[0].ToolTip);
    }

    [Fact]
    public void RocketMQ_TaskId_completes_the_tasks_of_the_InstanceId_on_the_line()
    {
        var inst = _emu.Data.RocketMqInstances[1];
        var matches = Complete($"Wait-RocketMqMigrationTask {Connection()} -InstanceId {inst.InstanceId} -TaskId ");
        Assert.Equal(inst.Tasks.Select(t => t.Id), matches.Select(m => m.CompletionText));
    }

    [Fact]
    public void A_failed_listing_completes_nothing_prints_nothing_and_never_offers_file_names()
    {
        var r = _ps.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches",
            $"Wait-DcsMigrationTask {Connection("http://127.0.0.1:1")} -TaskId zz");
        Assert.Null(r.Terminating);
        Assert.Empty(r.Errors);
        Assert.Empty(r.Warnings);
        Assert.Empty(r.Output);
        // This hosted engine offers no file names at all (no provider cmdlets); that a parameter without a completer
        // does offer them while -TaskId does not is checked in real pwsh by tests/pester/Workflow.Tests.ps1.
        // Nothing matches the prefix either: still no file names (the ids listed first, so the listing is cached).
        Assert.NotEmpty(Complete($"Wait-DcsMigrationTask {Connection()} -TaskId "));
        Assert.Empty(Tab(_ps, $"Wait-DcsMigrationTask {Connection()} -TaskId dcs-migration-file"));
    }
}
