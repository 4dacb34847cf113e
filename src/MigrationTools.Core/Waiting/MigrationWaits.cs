using System.Net;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Paging;

namespace MigrationTools.Core.Waiting;

/// <summary>When each service's migration has ended, in one place: what Wait-DcsMigrationTask, Wait-RdsBackupMigrationJob
/// and Wait-RocketMqMigrationTask read each round and when they stop.</summary>
public static class MigrationWaits
{
    /// <summary>
    /// DCS statuses of a migration still running. The list (ListMigrationTask) and ShowMigrationTask name SUCCESS,
    /// FAILED, MIGRATING and TERMINATED (the SDK's enums); the service's fuller list (CreateMigrationTask's answer,
    /// the console) adds CREATING and RUNNING (created, not started), FULLMIGRATING, INCRMIGEATING (sic: the
    /// incremental phase) and TERMINATING. INCRMIGRATING is the spelling a fix of that typo would bring.
    /// </summary>
    public static readonly string[] DcsRunningStatuses = { "MIGRATING", "CREATING", "RUNNING", "FULLMIGRATING", "INCRMIGEATING", "INCRMIGRATING", "TERMINATING" };

    /// <summary>The migration_method of a migration that keeps syncing after its full phase.</summary>
    public const string DcsIncrementalMethod = "incremental_migration";

    /// <summary>DRS: a backup migration job runs while TRANSFERRING (then SUCCESS, FAILED or PRECHECK FAILED: the SDK's enum).</summary>
    public static readonly string[] DrsRunningStatuses = { "TRANSFERRING" };

    /// <summary>RocketMQ: a metadata migration task runs while creating or starting (the SDK leaves status a free string).</summary>
    public static readonly string[] RocketMqRunningStatuses = { "creating", "starting" };

    /// <summary>Statuses of a task that ended badly (the wait's parent bar counts them as failed).</summary>
    public static readonly string[] FailedStatuses = { "FAILED", "MIGRATION_FAILED", "ERROR", "PRECHECK FAILED" };

    /// <summary>Whether a final status is a failure.</summary>
    public static bool IsFailure(string status) => FailedStatuses.Contains(status, StringComparer.OrdinalIgnoreCase);

    // A wait reads the list a page after another and stops when it has seen every task it waits for: big pages (the
    // API's largest, up to 1000) make that one request for hundreds of tasks.
    private static PageOptions ListPaging(PagingRule rule) => new() { PageSize = Math.Min(rule.MaxLimit, 1000), ThrottleLimit = 1 };

    /// <summary>
    /// DCS: the states from ListMigrationTask; ShowMigrationTaskStats gives a running online migration its percentage
    /// (backup-file imports have none). A task ends when it leaves the running statuses; an incremental online
    /// migration, which stays MIGRATING while it syncs, when its full phase reaches 100%. Then ShowMigrationTask.
    /// </summary>
    public static readonly WaitDescription Dcs = new(CloudService.Dcs, "DCS migration task",
        (client, _) => DcsApi.ListMigrationTasks(client, null, ListPaging(DcsApi.MigrationTasks.Paging))
            .Where(t => Listed(t.TaskId, t.Status))
            .Select(t => DcsState(t.TaskId!, t.TaskName, t.Status!, t.MigrationType, t.MigrationMethod)),
        async (item, cancellation) =>
        {
            var task = await DcsApi.GetMigrationTaskAsync(item.Client, item.Id, cancellation).ConfigureAwait(false);
            return new TaskDetail(task, DcsState(item.Id, task.TaskName, StatusOf(task.Status, item.Id, "DCS ShowMigrationTask"), task.MigrationType, task.MigrationMethod));
        },
        async (item, cancellation) =>
        {
            try
            {
                return (await DcsApi.GetMigrationStatsAsync(item.Client, item.Id, cancellation).ConfigureAwait(false)).FullMigrationProgress;
            }
            catch (HuaweiCloudServiceException e) when (e.IsNotFound)
            {
                return null; // No stats yet (the migration ECS is starting): no percentage this time.
            }
        });

    private static TaskState DcsState(string id, string? name, string status, string? type, string? method)
    {
        var running = DcsRunningStatuses.Contains(status, StringComparer.OrdinalIgnoreCase);
        var online = !string.Equals(type, DcsApi.BackupFileImport, StringComparison.OrdinalIgnoreCase);
        return new TaskState(id, name, status, running, hasPercent: running && online,
            endsWithFullPhase: online && string.Equals(method, DcsIncrementalMethod, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// DRS: ListReplicationJobs with status=TRANSFERRING lists the jobs still running (a job not in it has ended, or
    /// is gone); ShowReplicationJob is the final object.
    /// </summary>
    public static readonly WaitDescription Drs = new(CloudService.Drs, "RDS backup migration job",
        (client, _) => DrsApi.ListBackupMigrationJobs(client, new RdsBackupMigrationJobFilter { Status = DrsRunningStatuses[0] }, ListPaging(DrsApi.BackupMigrationJobs.Paging))
            .Where(j => Listed(j.JobId, j.Status))
            .Select(j => DrsState(j.JobId!, j.Name, j.Status!)),
        async (item, cancellation) =>
        {
            var job = await DrsApi.GetBackupMigrationJobAsync(item.Client, item.Id, cancellation).ConfigureAwait(false);
            return new TaskDetail(job, DrsState(item.Id, job.Name, StatusOf(job.Status, item.Id, "DRS ShowReplicationJob")));
        });

    private static TaskState DrsState(string id, string? name, string status) =>
        new(id, name, status, DrsRunningStatuses.Contains(status, StringComparer.OrdinalIgnoreCase));

    /// <summary>RocketMQ: the states from the instance's task list; the task with ?id= and type=all is the final object.</summary>
    public static readonly WaitDescription RocketMq = new(CloudService.RocketMq, "RocketMQ migration task",
        (client, instanceId) => RocketMqApi.ListMigrationTasks(client, InstanceOf(instanceId), ListPaging(RocketMqApi.MigrationTasks.Paging))
            .Where(t => Listed(t.TaskId, t.Status))
            .Select(t => RocketMqState(t.TaskId!, t.TaskName, t.Status!)),
        async (item, cancellation) =>
        {
            var task = await RocketMqApi.GetMigrationTaskAsync(item.Client, InstanceOf(item.Scope), item.Id, cancellation).ConfigureAwait(false);
            return new TaskDetail(task, RocketMqState(item.Id, task.TaskName, StatusOf(task.Status, item.Id, "RocketMQ ListRocketMqMigrationTask (task detail)")));
        });

    private static TaskState RocketMqState(string id, string? name, string status) =>
        new(id, name, status, RocketMqRunningStatuses.Contains(status, StringComparer.OrdinalIgnoreCase));

    private static string InstanceOf(string? scope) => scope ?? throw new ArgumentException("A RocketMQ task needs its instance id.");

    // A listed task without an id or a status tells nothing: the task's detail is read instead.
    private static bool Listed(string? id, string? status) => !string.IsNullOrEmpty(id) && !string.IsNullOrWhiteSpace(status);

    // Waiting on a task without a status could never end: that answer is not what the API promises.
    private static string StatusOf(string? status, string id, string operation) =>
        !string.IsNullOrWhiteSpace(status) ? status!
            : throw new MalformedResponseException(operation, HttpStatusCode.OK, MalformedKind.UnexpectedJson,
                $"the task '{id}' has no status, so the wait cannot tell whether it ended.", string.Empty, null);
}
