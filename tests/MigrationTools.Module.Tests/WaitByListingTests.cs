using System.Management.Automation;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>
/// Issue 18 item 5 and issue 16 item 5: waits for many tasks read their states from the list (requests counted at the
/// emulator), a detail only when a task ends; their progress reads at 80 columns. Rounds are driven by the emulator's
/// progress plans (each list read is a poll) and a 1-second poll interval, not by time.
/// </summary>
public sealed class WaitByListingTests(EmulatorFixture fx) : ModuleTestBase(fx)
{
    private int Requests(Func<string, bool> path) => Emu.Requests.CountWhere(q => path(q.Path));

    [Fact]
    public void Twenty_DRS_jobs_cost_one_list_request_a_round_and_one_detail_each_as_it_ends()
    {
        var jobs = Emu.Data.DrsJobs.Where(j => j.Status == "TRANSFERRING").Take(20).ToList();
        Assert.Equal(20, jobs.Count);
        // Jobs end after 1, 2 or 3 list reads: four rounds.
        for (var i = 0; i < jobs.Count; i++) Emu.Progress.Set(new ProgressPlan(jobs[i].Id, Polls: 1 + i % 3, FinalStatus: i % 4 == 0 ? "FAILED" : null));
        var r = Ps.Run("Wait-RdsBackupMigrationJob -JobId $args[0] -PollInterval 1 -Timeout 60", (object)jobs.Select(j => j.Id).ToArray()).ThrowIfFailed();

        Assert.Equal(jobs.Select(j => j.Id).OrderBy(id => id), r.Output.Select(o => (string)o.Properties["JobId"].Value).OrderBy(id => id));
        Assert.All(r.Output, o => Assert.Equal("MigrationTools.Core.Models.RdsBackupMigrationJobDetail", o.BaseObject.GetType().FullName));
        var lists = Emu.Requests.Snapshot().Where(q => q.Path.EndsWith("/backup-migration-jobs", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, lists.Count); // one a round: at most 2 allowed
        Assert.All(lists, q => Assert.Contains("status=TRANSFERRING", q.QueryString, StringComparison.Ordinal));
        foreach (var job in jobs) Assert.Equal(1, Requests(p => p.EndsWith("/backup-migration-jobs/" + job.Id, StringComparison.Ordinal)));
        Assert.Equal(24, Emu.Requests.CountWhere(q => !q.Path.StartsWith("/_emulator", StringComparison.Ordinal)));
    }

    [Fact]
    public void Two_hundred_DCS_tasks_cost_one_list_page_a_round_their_stats_while_they_run_and_a_detail_each_at_the_end()
    {
        // Online migrations of the list's first page (1000 records): each round's list is one request.
        var tasks = Emu.Data.DcsTasks.Take(1000).Where(t => t.Stats is not null && t.MigrationMethod == "full_amount_migration").Take(200).ToList();
        Assert.Equal(200, tasks.Count);
        foreach (var t in tasks) Emu.Progress.Set(new ProgressPlan(t.TaskId, Polls: 1));
        var r = Ps.Run("Wait-DcsMigrationTask -TaskId $args[0] -PollInterval 1 -Timeout 60", (object)tasks.Select(t => t.TaskId).ToArray()).ThrowIfFailed();

        Assert.Equal(200, r.Output.Count);
        Assert.All(r.Output, o => Assert.Equal("SUCCESS", o.Properties["Status"].Value));
        Assert.Equal(2, Requests(p => p.EndsWith("/migration-tasks", StringComparison.Ordinal)));
        foreach (var t in tasks)
        {
            Assert.Equal(1, Requests(p => p.EndsWith($"/migration-task/{t.TaskId}/stats", StringComparison.Ordinal)));
            Assert.Equal(1, Requests(p => p.EndsWith($"/migration-task/{t.TaskId}", StringComparison.Ordinal)));
        }
        Assert.Equal(2 + 200 + 200, Emu.Requests.CountWhere(q => !q.Path.StartsWith("/_emulator", StringComparison.Ordinal)));
    }

    [Fact]
    public void RocketMQ_tasks_are_read_from_their_instance_list()
    {
        var inst = Emu.Data.RocketMqInstances.First(i => i.Tasks.Count > 5);
        var tasks = inst.Tasks.Take(5).ToList();
        foreach (var t in tasks) Emu.Progress.Set(new ProgressPlan(t.Id, Polls: 1));
        var r = Ps.Run("Wait-RocketMqMigrationTask -InstanceId $args[0] -TaskId $args[1] -PollInterval 1 -Timeout 60",
            inst.InstanceId, tasks.Select(t => t.Id).ToArray()).ThrowIfFailed();
        Assert.Equal(5, r.Output.Count);
        Assert.All(r.Output, o => Assert.Equal("finished", o.Properties["Status"].Value));
        var metadata = Emu.Requests.Snapshot().Where(q => q.Path.EndsWith($"/instances/{inst.InstanceId}/metadata", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, metadata.Count(q => !q.QueryString.Contains("id=", StringComparison.Ordinal))); // a list a round
        Assert.Equal(5, metadata.Count(q => q.QueryString.Contains("id=", StringComparison.Ordinal)));  // a detail each
    }

    [Fact]
    public void A_task_gone_from_the_list_ends_its_wait_with_an_error_naming_it()
    {
        var task = Emu.Data.DcsTasks.First(t => t.Status == "SUCCESS");
        var r = Ps.Run("Wait-DcsMigrationTask 'dcs-task-deleted', $args[0] -PollInterval 1 -Timeout 30", task.TaskId);
        Assert.Null(r.Terminating);
        Assert.Equal(task.TaskId, Assert.Single(r.Output).Properties["TaskId"].Value);
        var e = Assert.Single(r.Errors);
        Assert.Equal("ServiceError.DCS.4133", e.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.Contains("dcs-task-deleted", e.ErrorDetails?.Message ?? e.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_shows_each_task_by_name_at_most_ten_bars_at_once_under_a_parent_that_counts()
    {
        // Twelve tasks: the first two end in the second round, one of them FAILED; the others in the third. The
        // first round opens ten bars; the two left wait their turn and get the places of the two that ended.
        var tasks = Emu.Data.DcsTasks.Where(t => t.Stats is not null && t.MigrationMethod == "full_amount_migration").Skip(300).Take(12).ToList();
        for (var i = 0; i < tasks.Count; i++) Emu.Progress.Set(new ProgressPlan(tasks[i].TaskId, Polls: i < 2 ? 1 : 2, FinalStatus: i == 1 ? "FAILED" : null));
        var r = Ps.Run("Wait-DcsMigrationTask -TaskId $args[0] -PollInterval 1 -Timeout 60", (object)tasks.Select(t => t.TaskId).ToArray()).ThrowIfFailed();
        Assert.Equal(12, r.Output.Count);

        var parent = r.Progress.Where(p => p.ActivityId == 1).ToList();
        Assert.All(parent, p => Assert.Equal("Waiting for 12 DCS migration tasks", p.Activity));
        Assert.Contains(parent, p => p.StatusDescription == "12 running, 0 ended, 0 failed");
        Assert.Contains(parent, p => p.StatusDescription == "10 running, 1 ended, 1 failed");
        Assert.Equal("0 running, 11 ended, 1 failed", parent.Last().StatusDescription);
        Assert.Equal(ProgressRecordType.Completed, parent.Last().RecordType);

        var open = new HashSet<int>();
        var most = 0;
        foreach (var p in r.Progress.Where(p => p.ActivityId != 1))
        {
            Assert.Equal(1, p.ParentActivityId);
            if (p.RecordType == ProgressRecordType.Completed) open.Remove(p.ActivityId);
            else open.Add(p.ActivityId);
            most = Math.Max(most, open.Count);
        }
        Assert.Equal(10, most);
        Assert.Empty(open);
        // Every task had a bar, which starts with its name (its id is in the current operation).
        foreach (var t in tasks)
        {
            var bars = r.Progress.Where(p => p.ActivityId != 1 && p.CurrentOperation.EndsWith(t.TaskId, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(bars);
            Assert.All(bars, p => Assert.StartsWith(t.TaskName, p.Activity, StringComparison.Ordinal));
        }
        // The last two waited their turn: no bar before the first two ended.
        var firstOfLast = r.Progress.ToList().FindIndex(p => p.ActivityId != 1 && p.CurrentOperation.EndsWith(tasks[11].TaskId, StringComparison.Ordinal));
        var firstEnd = r.Progress.ToList().FindIndex(p => p.ActivityId != 1 && p.RecordType == ProgressRecordType.Completed);
        Assert.True(firstOfLast > firstEnd, $"bar of the 12th task at {firstOfLast}, first end at {firstEnd}");
    }
}
