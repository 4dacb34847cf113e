using MigrationTools.Core.Http;
using MigrationTools.Core.Models;
using MigrationTools.Core.Waiting;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>What each service's wait reads from its list and when it ends, on the wire (a scripted service, a fake clock).</summary>
public sealed class MigrationWaitsTests
{
    private sealed class NoSleep : IWaitClock
    {
        public DateTimeOffset UtcNow { get; private set; } = DateTimeOffset.UnixEpoch;
        public Task Delay(TimeSpan delay, CancellationToken cancellation) { UtcNow += delay; return Task.CompletedTask; }
    }

    private static List<string> Wait(HuaweiCloudClient client, WaitDescription description, params string[] ids)
    {
        var events = new List<string>();
        var observer = new WaitObserver
        {
            Running = (i, o) => events.Add($"running {o.Status} {o.Percent}"),
            Ended = (i, o) => events.Add($"ended {o.Status} {((IRegionalResource)o.Result!).Region}"),
            Failed = (i, e) => events.Add($"failed {e.ErrorId}"),
        };
        new Waiter(new NoSleep()).Run(ids.Select(id => new WaitItem(id, null, client)).ToList(), description,
            TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), observer, new PlainOperationHost());
        return events;
    }

    private static string DcsTask(string status, string method) =>
        $$"""{"task_id": "t1", "task_name": "redis-a", "status": "{{status}}", "migration_type": "online_migration", "migration_method": "{{method}}"}""";

    [Fact]
    public void The_DCS_phases_and_a_task_not_started_yet_are_running_whatever_the_list_or_the_detail_says()
    {
        // The SDK's list enum is SUCCESS, FAILED, MIGRATING, TERMINATED; the service's fuller list of statuses adds
        // CREATING, RUNNING (not started), FULLMIGRATING, INCRMIGEATING (sic) and TERMINATING: none of them ends a wait.
        var listed = new Queue<string>(new[] { "FULLMIGRATING", "INCRMIGEATING", "RUNNING", "CREATING", "TERMINATING", "SUCCESS", "SUCCESS" });
        var details = new Queue<string>(new[] { "FULLMIGRATING", "SUCCESS" });
        var handler = new ScriptedHandler(request => request.RequestUri!.AbsolutePath switch
        {
            var p when p.EndsWith("/migration-tasks", StringComparison.Ordinal) =>
                $$"""{"count": 1, "migration_tasks": [{{DcsTask(listed.Dequeue(), "full_amount_migration")}}]}""",
            var p when p.EndsWith("/stats", StringComparison.Ordinal) => """{"full_migration_progress": 40}""",
            _ => DcsTask(details.Dequeue(), "full_amount_migration"),
        });
        var events = Wait(TestClient.For(handler), MigrationWaits.Dcs, "t1");
        Assert.Equal(new[]
        {
            "running FULLMIGRATING 40", "running INCRMIGEATING 40", "running RUNNING 40", "running CREATING 40", "running TERMINATING 40",
            "running FULLMIGRATING ", // the list said SUCCESS, the detail a phase of the migration: not ended yet
            "ended SUCCESS cn-north-4",
        }, events);
        Assert.Equal(2, handler.Requests.Count(u => u.AbsolutePath.EndsWith("/migration-task/t1", StringComparison.Ordinal)));
        Assert.Equal(7, handler.Requests.Count(u => u.AbsolutePath.EndsWith("/migration-tasks", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_incremental_migration_ends_its_wait_when_the_full_phase_reaches_100_percent_though_it_still_syncs()
    {
        var progress = new Queue<int>(new[] { 60, 100 });
        var handler = new ScriptedHandler(request => request.RequestUri!.AbsolutePath switch
        {
            var p when p.EndsWith("/migration-tasks", StringComparison.Ordinal) =>
                $$"""{"count": 1, "migration_tasks": [{{DcsTask("MIGRATING", "incremental_migration")}}]}""",
            var p when p.EndsWith("/stats", StringComparison.Ordinal) => $$"""{"full_migration_progress": "{{progress.Dequeue()}}"}""",
            _ => DcsTask("INCRMIGEATING", "incremental_migration"),
        });
        Assert.Equal(new[] { "running MIGRATING 60", "ended INCRMIGEATING cn-north-4" }, Wait(TestClient.For(handler), MigrationWaits.Dcs, "t1"));
    }

    [Fact]
    public void DRS_lists_the_TRANSFERRING_jobs_in_big_pages_and_reads_the_detail_of_a_job_that_left_them()
    {
        var rounds = 0;
        var handler = new ScriptedHandler(request => request.RequestUri!.AbsolutePath.EndsWith("/backup-migration-jobs", StringComparison.Ordinal)
            ? (++rounds == 1 ? """{"count": 1, "jobs": [{"id": "j1", "name": "restore-a", "status": "TRANSFERRING"}]}""" : """{"count": 0, "jobs": []}""")
            : """{"id": "j1", "name": "restore-a", "status": "PRECHECK FAILED"}""");
        Assert.Equal(new[] { "running TRANSFERRING ", "ended PRECHECK FAILED cn-north-4" }, Wait(TestClient.For(handler), MigrationWaits.Drs, "j1"));
        var list = handler.Requests.Where(u => u.AbsolutePath.EndsWith("/backup-migration-jobs", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, list.Count);
        Assert.All(list, u => Assert.Contains("status=TRANSFERRING", u.Query, StringComparison.Ordinal));
        Assert.All(list, u => Assert.Contains("limit=1000", u.Query, StringComparison.Ordinal));
        Assert.Single(handler.Requests, u => u.AbsolutePath.EndsWith("/backup-migration-jobs/j1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("FAILED", true)]
    [InlineData("PRECHECK FAILED", true)]
    [InlineData("failed", true)]
    [InlineData("MIGRATION_FAILED", true)]
    [InlineData("SUCCESS", false)]
    [InlineData("TERMINATED", false)]
    [InlineData("finished", false)]
    public void Failed_statuses_are_told_apart_for_the_parent_bar(string status, bool failed) =>
        Assert.Equal(failed, MigrationWaits.IsFailure(status));
}
