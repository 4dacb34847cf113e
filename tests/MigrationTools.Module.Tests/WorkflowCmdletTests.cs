using System.Diagnostics;
using System.Management.Automation;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>Issue 10: RDS job detail, the Wait-* cmdlets against tasks that progress, RocketMQ across instances.</summary>
public sealed class WorkflowCmdletTests(EmulatorFixture fx) : ModuleTestBase(fx)
{
    // Every wait here ends in seconds; one that a regression keeps running fails the test at this bound.
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(60);

    private int Requests(string pathEnd) => Emu.Requests.CountWhere(q => q.Path.EndsWith(pathEnd, StringComparison.Ordinal));

    // Each test uses its own tasks: the class's tests share one emulator (and its request log), so counts are per path.
    private DcsMigrationTask OnlineTask(string method, int nth) =>
        Emu.Data.DcsTasks.Where(t => t.MigrationType == "online_migration" && t.MigrationMethod == method && t.Status == "MIGRATING").Skip(nth).First();

    // ---- 1. Get-RdsBackupMigrationJob -JobId ----

    [Fact]
    public void JobId_returns_the_job_in_full_with_typed_nested_objects()
    {
        var job = Emu.Data.DrsJobs.First(j => j.Status == "FAILED");
        var detail = Emu.Data.DrsDetailOf(job);
        var r = Ps.Run("Get-RdsBackupMigrationJob -JobId $args[0]", job.Id).ThrowIfFailed();
        var d = Assert.Single(r.Output);
        Assert.Equal("MigrationTools.Core.Models.RdsBackupMigrationJobDetail", d.BaseObject.GetType().FullName);
        Assert.Equal(job.Id, d.Properties["JobId"].Value);
        Assert.Equal("FAILED", d.Properties["Status"].Value);
        Assert.Equal(job.ErrorLog, d.Properties["ErrorLog"].Value);
        Assert.Equal(job.InstanceName, d.Properties["InstanceName"].Value);
        Assert.Equal(Emu.Region, d.Properties["Region"].Value);
        Assert.Equal(Emu.ProjectId, d.Properties["ProjectId"].Value);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)d.Properties["CreateTime"].Value).Kind);
        Assert.Equal(detail.DbNames, ((System.Collections.IEnumerable)d.Properties["NewDbNames"].Value).Cast<string>());
        var facts = Ps.Run("$d = $args[0]; $d.BackupInfo.FileSource; $d.BackupInfo.BucketName; $d.BackupInfo.FileInfo[0].FileSize; " +
            "$d.BackupInfo.FileInfo[0].FileLastModify.Kind; $d.TargetDbInfo.TargetInstanceId; $d.BaseInfo.EngineType; $d.BaseInfo.Tags.Count; \"$($d.BackupInfo)\"", d).ThrowIfFailed();
        var v = facts.Output.Select(o => o.BaseObject).ToList();
        Assert.Equal("OBS", v[0]);
        Assert.Equal(detail.Bucket, v[1]);
        Assert.Equal(detail.Files[0].Size, Assert.IsType<long>(v[2]));
        Assert.Equal(DateTimeKind.Utc, v[3]);
        Assert.Equal(job.InstanceId, v[4]);
        Assert.Equal("sqlserver", v[5]);
        Assert.Equal(job.Tags.Count, v[6]);
        Assert.Contains(detail.Files[0].Name, (string)v[7]); // a readable cell for Export-Csv, not a type name
    }

    [Fact]
    public void Listed_jobs_pipe_into_the_detail_by_property_name()
    {
        var failed = Emu.Data.DrsJobs.Where(j => j.Status == "FAILED").OrderByDescending(j => j.Created).Take(3).Select(j => j.Id).ToList();
        var before = Requests("/backup-migration-jobs");
        var r = Ps.Run("Get-RdsBackupMigrationJob -Status FAILED -First 3 | Get-RdsBackupMigrationJob").ThrowIfFailed();
        Assert.Equal(failed, r.Output.Select(o => (string)o.Properties["JobId"].Value));
        Assert.All(r.Output, o => Assert.Equal("MigrationTools.Core.Models.RdsBackupMigrationJobDetail", o.BaseObject.GetType().FullName));
        Assert.Equal(1, Requests("/backup-migration-jobs") - before);
        Assert.Equal(3, Emu.Requests.CountWhere(q => failed.Any(id => q.Path.EndsWith("/backup-migration-jobs/" + id))));
    }

    [Fact]
    public void An_unknown_job_is_a_not_found_error_and_the_others_go_on()
    {
        var job = Emu.Data.DrsJobs[5];
        var r = Ps.Run("Get-RdsBackupMigrationJob -JobId 'no-such-job', $args[0]", job.Id);
        Assert.Null(r.Terminating);
        Assert.Equal(job.Id, Assert.Single(r.Output).Properties["JobId"].Value);
        var e = Assert.Single(r.Errors);
        Assert.Equal("ServiceError.DRS.10010004", e.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.Contains("no-such-job", e.TargetObject?.ToString());
    }

    [Fact]
    public void List_filters_do_not_apply_to_JobId()
    {
        var r = Ps.Run("try { Get-RdsBackupMigrationJob -JobId $args[0] -Status FAILED -ErrorAction Stop } catch { $_ }", Emu.Data.DrsJobs[0].Id);
        var e = r.CaughtError();
        Assert.StartsWith("AmbiguousParameterSet", e.FullyQualifiedErrorId);
    }

    // ---- 2. Wait-* ----

    [Fact]
    public void Wait_DcsMigrationTask_polls_until_the_task_leaves_MIGRATING_and_writes_it_once()
    {
        var task = OnlineTask("full_amount_migration", 0);
        Emu.Progress.Set(new ProgressPlan(task.TaskId, Polls: 2));
        var watch = Stopwatch.StartNew();
        var r = Ps.RunWithin(WaitBound, "Wait-DcsMigrationTask -TaskId $args[0] -PollInterval 1 -Timeout 30", task.TaskId).ThrowIfFailed();
        watch.Stop();
        var done = Assert.Single(r.Output);
        Assert.Equal("SUCCESS", done.Properties["Status"].Value);
        Assert.Equal("MigrationTools.Core.Models.DcsMigrationTaskDetail", done.BaseObject.GetType().FullName);
        // Three rounds, each one list request (its first page holds the task) and, while it ran, its stats; the
        // detail once, when it ended.
        Assert.Equal(3, Requests("/migration-tasks"));
        Assert.Equal(2, Requests($"/migration-task/{task.TaskId}/stats"));
        Assert.Equal(1, Requests("/migration-task/" + task.TaskId));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.8), $"two sleeps of 1 s, took {watch.Elapsed}");
        // A bar for the task with the stats percentage, closed when it ended.
        var bars = r.Progress.Where(p => p.ActivityId != 1).ToList();
        Assert.Contains(bars, p => p.PercentComplete > 0 && p.PercentComplete < 100 && p.RecordType == ProgressRecordType.Processing);
        Assert.Equal(ProgressRecordType.Completed, bars.Last().RecordType);
        Assert.Contains(task.TaskName, bars.Last().Activity);
    }

    [Fact]
    public void An_incremental_migration_ends_its_wait_when_the_full_phase_reaches_100_percent()
    {
        var task = OnlineTask("incremental_migration", 0);
        Emu.Progress.Set(new ProgressPlan(task.TaskId, Polls: 1, FinalStatus: "MIGRATING"));
        var r = Ps.RunWithin(WaitBound, "Wait-DcsMigrationTask $args[0] -PollInterval 1 -Timeout 30", task.TaskId).ThrowIfFailed();
        Assert.Equal("MIGRATING", Assert.Single(r.Output).Properties["Status"].Value);
        Assert.Equal(2, Requests($"/migration-task/{task.TaskId}/stats"));
        Assert.Equal(1, Requests("/migration-task/" + task.TaskId));
    }

    [Theory]
    [InlineData("FULLMIGRATING", 9)]
    [InlineData("INCRMIGEATING", 10)] // sic: the detail's spelling of the incremental phase
    public void A_DCS_task_in_a_running_phase_of_the_detail_is_still_waited_for(string phase, int nth)
    {
        var task = OnlineTask("full_amount_migration", nth);
        Emu.Progress.Set(new ProgressPlan(task.TaskId, Polls: 2, RunningStatus: phase));
        var r = Ps.RunWithin(WaitBound, "Wait-DcsMigrationTask -TaskId $args[0] -PollInterval 1 -Timeout 30", task.TaskId).ThrowIfFailed();
        // A wait that took the phase for an end would write the task in that phase.
        Assert.Equal("SUCCESS", Assert.Single(r.Output).Properties["Status"].Value);
    }

    [Fact]
    public void Piped_tasks_are_waited_for_together_under_a_parent_bar()
    {
        var a = OnlineTask("full_amount_migration", 1);
        var b = OnlineTask("full_amount_migration", 2);
        // The Get-DcsMigrationTask read counts as one poll of each: both run in the wait's first round.
        Emu.Progress.Set(new ProgressPlan(a.TaskId, Polls: 2));
        Emu.Progress.Set(new ProgressPlan(b.TaskId, Polls: 3, FinalStatus: "FAILED"));
        var r = Ps.RunWithin(WaitBound, "Get-DcsMigrationTask -TaskId $args | Wait-DcsMigrationTask -PollInterval 1 -Timeout 30", a.TaskId, b.TaskId).ThrowIfFailed();
        Assert.Equal(new[] { (a.TaskId, "SUCCESS"), (b.TaskId, "FAILED") },
            r.Output.Select(o => ((string)o.Properties["TaskId"].Value, (string)o.Properties["Status"].Value)));
        var parent = r.Progress.Where(p => p.ActivityId == 1).ToList();
        Assert.Equal(ProgressRecordType.Completed, parent.Last().RecordType);
        Assert.Contains(parent, p => p.PercentComplete == 50);
        var children = r.Progress.Where(p => p.ActivityId != 1).ToList();
        Assert.All(children, p => Assert.Equal(1, p.ParentActivityId));
        Assert.Equal(2, children.Count(p => p.RecordType == ProgressRecordType.Completed));
    }

    [Fact]
    public void Timeout_gives_a_WaitTimeout_error_for_the_task_still_running_and_the_others_are_written()
    {
        var slow = OnlineTask("full_amount_migration", 4);
        var quick = OnlineTask("full_amount_migration", 5);
        Emu.Progress.Set(new ProgressPlan(slow.TaskId, Polls: 1000));
        Emu.Progress.Set(new ProgressPlan(quick.TaskId, Polls: 1));
        var watch = Stopwatch.StartNew();
        var r = Ps.RunWithin(WaitBound, "Wait-DcsMigrationTask $args[0], $args[1] -PollInterval 1 -Timeout 2", slow.TaskId, quick.TaskId);
        watch.Stop();
        Assert.Null(r.Terminating);
        Assert.Equal(quick.TaskId, Assert.Single(r.Output).Properties["TaskId"].Value);
        var e = Assert.Single(r.Errors);
        Assert.Equal("WaitTimeout", e.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.OperationTimeout, e.CategoryInfo.Category);
        Assert.Equal(slow.TaskId, e.TargetObject);
        Assert.Contains("MIGRATING", e.Exception.Message);
        // Ended by the 2 s timeout, not by the task (1000 polls): the upper bound only has to tell those apart.
        Assert.InRange(watch.Elapsed.TotalSeconds, 1.8, 30);
    }

    [Fact]
    public void A_task_that_cannot_be_read_ends_its_wait_with_its_error_and_the_others_go_on()
    {
        var task = OnlineTask("full_amount_migration", 6);
        Emu.Progress.Set(new ProgressPlan(task.TaskId, Polls: 1));
        var r = Ps.RunWithin(WaitBound, "Wait-DcsMigrationTask 'no-such-task', $args[0] -PollInterval 1 -Timeout 30", task.TaskId);
        Assert.Null(r.Terminating);
        Assert.Equal(task.TaskId, Assert.Single(r.Output).Properties["TaskId"].Value);
        Assert.Equal("ServiceError.DCS.4133", Assert.Single(r.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void A_transient_failure_during_the_wait_is_retried_not_reported()
    {
        var task = OnlineTask("full_amount_migration", 8);
        Emu.Progress.Set(new ProgressPlan(task.TaskId, Polls: 1));
        var before = Emu.Requests.CountWhere(q => q.Status == 503 || q.Status == 502 || q.Status == 504);
        Emu.Faults.FailNextRequests = 1; // the first poll's answer is a server error
        var r = Ps.RunWithin(WaitBound, "Wait-DcsMigrationTask $args[0] -PollInterval 1 -Timeout 30", task.TaskId).ThrowIfFailed();
        Assert.Equal("SUCCESS", Assert.Single(r.Output).Properties["Status"].Value);
        Assert.True(Emu.Requests.CountWhere(q => q.Status == 503 || q.Status == 502 || q.Status == 504) > before);
    }

    [Fact]
    public void Ctrl_C_stops_a_wait_within_a_second_also_mid_sleep()
    {
        var task = OnlineTask("full_amount_migration", 7);
        Emu.Progress.Set(new ProgressPlan(task.TaskId, Polls: 1000));
        // The first round's status on the task's bar: the wait then sleeps until the next poll, a minute away.
        var took = Ps.StopWhileRunning($"Wait-DcsMigrationTask '{task.TaskId}' -PollInterval 60",
            ps => ps.Streams.Progress.ToArray().Any(p => p.StatusDescription != "waiting"));
        Console.WriteLine($"Stop mid-sleep: {took.TotalMilliseconds:F0} ms");
        Assert.Equal(1, Requests($"/migration-task/{task.TaskId}/stats")); // one round, then the sleep Stop ended
    }

    [Fact]
    public void Wait_RdsBackupMigrationJob_waits_for_TRANSFERRING_to_end()
    {
        var job = Emu.Data.DrsJobs.First(j => j.Status == "TRANSFERRING");
        Emu.Progress.Set(new ProgressPlan(job.Id, Polls: 1, FinalStatus: "FAILED"));
        var r = Ps.RunWithin(WaitBound, "Get-RdsBackupMigrationJob -JobId $args[0] | Wait-RdsBackupMigrationJob -PollInterval 1 -Timeout 30", job.Id).ThrowIfFailed();
        var d = Assert.Single(r.Output);
        Assert.Equal("FAILED", d.Properties["Status"].Value);
        Assert.NotNull(d.Properties["ErrorLog"].Value);
        Assert.NotNull(d.Properties["FinishTime"].Value);
    }

    [Fact]
    public void Wait_RocketMqMigrationTask_takes_instance_and_task_from_the_pipeline()
    {
        var inst = Emu.Data.RocketMqInstances.First(i => i.Tasks.Count > 0);
        var task = inst.Tasks[3];
        Emu.Progress.Set(new ProgressPlan(task.Id, Polls: 1));
        var r = Ps.RunWithin(WaitBound, "@(Get-RocketMqMigrationTask -InstanceId $args[0] -First 4)[-1] | Wait-RocketMqMigrationTask -PollInterval 1 -Timeout 30", inst.InstanceId).ThrowIfFailed();
        var d = Assert.Single(r.Output);
        Assert.Equal("finished", d.Properties["Status"].Value);
        Assert.Equal(inst.InstanceId, d.Properties["InstanceId"].Value);
        Assert.Equal(task.Id, d.Properties["TaskId"].Value);
    }

    [Fact]
    public void PollInterval_is_at_least_one_second()
    {
        var r = Ps.RunWithin(WaitBound, "try { Wait-DcsMigrationTask x -PollInterval 0 -ErrorAction Stop } catch { $_ }");
        Assert.StartsWith("ParameterArgumentValidationError,", r.CaughtError().FullyQualifiedErrorId);
    }

    // ---- 3. Get-RocketMqMigrationTask across instances ----

    [Fact]
    public void Without_InstanceId_every_RocketMQ_instance_is_listed_and_no_other_engine_is_asked()
    {
        var all = Emu.Data.RocketMqInstances.SelectMany(i => i.Tasks.Select(t => (i.InstanceId, t.Id))).ToList();
        var r = Ps.Run("Get-RocketMqMigrationTask").ThrowIfFailed();
        Assert.Equal(all, r.Output.Select(o => ((string)o.Properties["InstanceId"].Value, (string)o.Properties["TaskId"].Value)));
        var log = Emu.Requests.Snapshot();
        Assert.Contains(log, q => q.Path.EndsWith("/instances") && q.QueryString.Contains("engine=rocketmq"));
        Assert.DoesNotContain(log, q => Emu.Data.OtherEngineInstances.Any(o => q.Path.Contains(o.InstanceId)));
    }

    [Fact]
    public void Skip_and_First_apply_across_instances_without_fetching_what_is_skipped()
    {
        var all = Emu.Data.RocketMqInstances.SelectMany(i => i.Tasks).Select(t => t.Id).ToList();
        var first = Emu.Data.RocketMqInstances[0];
        var second = Emu.Data.RocketMqInstances[1];
        var third = Emu.Data.RocketMqInstances[2];
        int Asked(RocketMqInstance i) => Emu.Requests.CountWhere(q => q.Path.EndsWith($"/instances/{i.InstanceId}/metadata"));
        var (a1, a2, a3) = (Asked(first), Asked(second), Asked(third));
        var r = Ps.Run("Get-RocketMqMigrationTask -Skip ($args[0] + 10) -First 10", first.Tasks.Count).ThrowIfFailed();
        Assert.Equal(all.Skip(first.Tasks.Count + 10).Take(10), r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        Assert.Equal(1, Asked(first) - a1);   // one request tells it is all skipped
        Assert.Equal(1, Asked(second) - a2);
        Assert.Equal(0, Asked(third) - a3);
    }

    [Fact]
    public void IncludeTotalCount_is_the_sum_over_instances()
    {
        var total = Emu.Data.RocketMqInstances.Sum(i => i.Tasks.Count);
        var r = Ps.Run("Get-RocketMqMigrationTask -IncludeTotalCount -First 2").ThrowIfFailed();
        Assert.Equal(3, r.Output.Count);
        Assert.Equal((double)total, Convert.ToDouble(r.Output[0].BaseObject, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TaskId_without_InstanceId_is_a_clear_error()
    {
        var r = Ps.Run("try { Get-RocketMqMigrationTask -TaskId abc -ErrorAction Stop } catch { $_ }");
        Assert.StartsWith("InstanceIdRequired", r.CaughtError().FullyQualifiedErrorId);
    }
}
