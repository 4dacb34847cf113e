using System;
using System.Linq;
using System.Net;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Models;

namespace MigrationTools.Core.Waiting;

/// <summary>When each service's migration has ended, in one place: what Wait-DcsMigrationTask, Wait-RdsBackupMigrationJob
/// and Wait-RocketMqMigrationTask poll and when they stop.</summary>
public static class MigrationWaits
{
    /// <summary>DCS statuses of a migration still running (the detail spells the incremental phase INCRMIGEATING).</summary>
    public static readonly string[] DcsRunningStatuses = { "MIGRATING", "FULLMIGRATING", "INCRMIGEATING", "INCRMIGRATING", "TERMINATING" };

    /// <summary>The migration_method of a migration that keeps syncing after its full phase.</summary>
    public const string DcsIncrementalMethod = "incremental_migration";

    /// <summary>DRS: a backup migration job runs while TRANSFERRING.</summary>
    public static readonly string[] DrsRunningStatuses = { "TRANSFERRING" };

    /// <summary>RocketMQ: a metadata migration task runs while creating or starting.</summary>
    public static readonly string[] RocketMqRunningStatuses = { "creating", "starting" };

    /// <summary>
    /// DCS ShowMigrationTask, plus ShowMigrationTaskStats for online migrations (the percentage). A task ends when it
    /// leaves MIGRATING; an incremental online migration, which stays MIGRATING while it syncs, ends when its full
    /// phase reaches 100%.
    /// </summary>
    public static readonly WaitDescription Dcs = new(CloudService.Dcs, "DCS migration task", item =>
    {
        var task = DcsApi.GetMigrationTask(item.Client, item.Id);
        var status = StatusOf(task.Status, "DCS ShowMigrationTask", "task", item);
        var running = DcsRunningStatuses.Contains(status, StringComparer.OrdinalIgnoreCase);
        double? percent = null;
        if (running && !string.Equals(task.MigrationType, DcsApi.BackupFileImport, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                percent = DcsApi.GetMigrationStats(item.Client, item.Id).FullMigrationProgress;
            }
            catch (HuaweiCloudServiceException e) when (e.IsNotFound)
            {
                // No stats yet (the migration ECS is starting): no percentage this time.
            }
        }
        var fullPhaseDone = percent >= 100;
        var ended = !running || (fullPhaseDone && string.Equals(task.MigrationMethod, DcsIncrementalMethod, StringComparison.OrdinalIgnoreCase));
        return new WaitObservation(task, task.TaskName, status, ended, percent.HasValue ? Math.Max(0, Math.Min(100, percent.Value)) : null);
    });

    /// <summary>DRS ShowReplicationJob: a job ends when it leaves TRANSFERRING.</summary>
    public static readonly WaitDescription Drs = new(CloudService.Drs, "RDS backup migration job", item =>
    {
        var job = DrsApi.GetBackupMigrationJob(item.Client, item.Id);
        var status = StatusOf(job.Status, "DRS ShowReplicationJob", "job", item);
        return new WaitObservation(job, job.Name, status, !DrsRunningStatuses.Contains(status, StringComparer.OrdinalIgnoreCase), null);
    });

    /// <summary>RocketMQ metadata task (?id=): a task ends when it leaves creating and starting.</summary>
    public static readonly WaitDescription RocketMq = new(CloudService.RocketMq, "RocketMQ migration task", item =>
    {
        var task = RocketMqApi.GetMigrationTask(item.Client, item.Scope ?? throw new ArgumentException("A RocketMQ task needs its instance id."), item.Id, null, null);
        var status = StatusOf(task.Status, "RocketMQ ListRocketMqMigrationTask (task detail)", "task", item);
        return new WaitObservation(task, task.TaskName, status, !RocketMqRunningStatuses.Contains(status, StringComparer.OrdinalIgnoreCase), null);
    });

    // Waiting on a task without a status could never end: that answer is not what the API promises.
    private static string StatusOf(string? status, string operation, string noun, WaitItem item) =>
        !string.IsNullOrWhiteSpace(status) ? status!
            : throw new MalformedResponseException($"{operation} of {noun} '{item.Id}'", HttpStatusCode.OK, MalformedKind.UnexpectedJson,
                "it has no status, so the wait cannot tell whether the task ended.", string.Empty, null);
}
