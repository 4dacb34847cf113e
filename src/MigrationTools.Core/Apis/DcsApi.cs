using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using System.Text.Json.Serialization;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;

namespace MigrationTools.Core.Apis;

/// <summary>Distributed Cache Service (Redis) migration APIs.</summary>
public static partial class DcsApi
{
    /// <summary>Host dcs. An unknown task is HTTP 400 DCS.4133 (also for stats of a task that is not an online migration).</summary>
    public static readonly ServiceApi Api = new(CloudService.Dcs, DcsJson.Default, "DCS.4133");

    /// <summary>What the DCS APIs answer with: the records of a list (as List&lt;T&gt;), each detail, and the lists
    /// of a record read by ReadableListConverter (as List&lt;T&gt;: the generator cannot see that converter's needs).</summary>
    [JsonSerializable(typeof(List<DcsMigrationTask>))]
    [JsonSerializable(typeof(DcsMigrationTaskDetail))]
    [JsonSerializable(typeof(DcsMigrationStats))]
    [JsonSerializable(typeof(List<DcsBackupFile>))]
    internal sealed partial class DcsJson : JsonSerializerContext { }

    public static CloudService Service => Api.Service;

    /// <summary>ListMigrationTask: offset is a record offset from 0; limit 1-1000 (service default 10). Default 500,
    /// from measurements (bench `ratios sizes`, `ratios p3`; README, Performance): at 50 ms of latency 500 lists
    /// 2.6x faster than 100 and 1000 only 1.3x faster than 500, while the memory peak grows with the page size
    /// (P3 1.33 at 500, 1.48 at 1000 with a desktop's gen0 budget); a page of 500 is about 0.45 MB.</summary>
    internal static readonly ListApi<DcsMigrationTask> MigrationTasks = new(
        "DCS ListMigrationTask", Api,
        new PagingRule(OffsetKind.RecordOffset, minLimit: 1, maxLimit: 1000, defaultLimit: 500),
        records: "migration_tasks", total: "count", task => task.TaskId);

    /// <summary>The migration_type of backup-file imports, which have no progress stats (only online migrations do).</summary>
    public const string BackupFileImport = "backupfile_import";

    /// <summary>ShowMigrationTask: one task in full.</summary>
    internal static readonly DetailApi<DcsMigrationTaskDetail> MigrationTask = new("DCS ShowMigrationTask", Api);

    /// <summary>ShowMigrationTaskStats: progress of an online migration.</summary>
    internal static readonly DetailApi<DcsMigrationStats> MigrationStats = new("DCS ShowMigrationTaskStats", Api);

    /// <summary>Lists migration tasks, optionally filtered by name, page after page.</summary>
    public static PagedListing<DcsMigrationTask> ListMigrationTasks(HuaweiCloudClient client, string? name, PageOptions paging) =>
        MigrationTasks.List(client, () => MigrationTasks.Request($"/v2/{ApiHelpers.ProjectSegment(client)}/migration-tasks").With("name", name), paging);

    /// <summary>One task in full (<see cref="MigrationTask"/>).</summary>
    public static DcsMigrationTaskDetail GetMigrationTask(HuaweiCloudClient client, string taskId) =>
        MigrationTask.Get(client, TaskPath(client, taskId), "task", taskId, task => task.TaskId ??= taskId);

    /// <summary>One task in full, without blocking (a wait reads the details of the tasks that ended concurrently).</summary>
    public static Task<DcsMigrationTaskDetail> GetMigrationTaskAsync(HuaweiCloudClient client, string taskId, CancellationToken cancellation) =>
        MigrationTask.GetAsync(client, TaskPath(client, taskId), "task", taskId, cancellation, task => task.TaskId ??= taskId);

    /// <summary>The progress of an online migration (<see cref="MigrationStats"/>).</summary>
    public static DcsMigrationStats GetMigrationStats(HuaweiCloudClient client, string taskId) =>
        MigrationStats.Get(client, TaskPath(client, taskId) + "/stats", "task", taskId, stats => stats.TaskId = taskId);

    /// <summary>The progress of an online migration, without blocking.</summary>
    public static Task<DcsMigrationStats> GetMigrationStatsAsync(HuaweiCloudClient client, string taskId, CancellationToken cancellation) =>
        MigrationStats.GetAsync(client, TaskPath(client, taskId) + "/stats", "task", taskId, cancellation, stats => stats.TaskId = taskId);

    private static string TaskPath(HuaweiCloudClient client, string taskId) =>
        $"/v2/{ApiHelpers.ProjectSegment(client)}/migration-task/{ApiRequest.Segment(taskId, "TaskId")}";
}
