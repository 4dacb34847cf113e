using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using System.Text.Json.Serialization;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;

namespace MigrationTools.Core.Apis;

/// <summary>Data Replication Service APIs: RDS for SQL Server backup migration is served by DRS (host drs).</summary>
public static partial class DrsApi
{
    /// <summary>Host drs (RDS for SQL Server backup migration is served by DRS). It names no not-found code.</summary>
    public static readonly ServiceApi Api = new(CloudService.Drs, DrsJson.Default);

    /// <summary>What the DRS APIs answer with: the records of a list (as List&lt;T&gt;), each detail, and the lists
    /// of a detail read by ReadableListConverter (as List&lt;T&gt;: the generator cannot see that converter's needs).</summary>
    [JsonSerializable(typeof(List<RdsBackupMigrationJob>))]
    [JsonSerializable(typeof(RdsBackupMigrationJobDetail))]
    [JsonSerializable(typeof(List<RdsBackupFile>))]
    [JsonSerializable(typeof(List<RdsTag>))]
    internal sealed partial class DrsJson : JsonSerializerContext { }

    public static CloudService Service => Api.Service;

    /// <summary>dbs_instance_ids takes at most this many ids.</summary>
    public const int MaxDbInstanceIds = 10;

    /// <summary>The values of status.</summary>
    public static readonly IReadOnlyList<string> Statuses = new[] { "TRANSFERRING", "SUCCESS", "FAILED", "PRECHECK FAILED" };

    /// <summary>The values the page lists for sort_key; others are passed on (the service decides).</summary>
    public static readonly IReadOnlyList<string> SortKeys = new[] { "name", "db_type", "inst_id", "ip", "created_at", "description", "tag_value" };

    /// <summary>The values of sort_dir.</summary>
    public static readonly IReadOnlyList<string> SortDirections = new[] { "asc", "desc" };

    /// <summary>The values of the X-Language header.</summary>
    public static readonly IReadOnlyList<string> Languages = new[] { "en-us", "zh-cn" };

    /// <summary>ListReplicationJobs: offset is a record offset from 0; the SDK allows limit up to 65535 (default 10).
    /// Default 500, for the same measured reason as DCS ListMigrationTask's (a page near the maximum would be tens of
    /// MB in one body, and the pages ahead of the consumer are held in memory).</summary>
    internal static readonly ListApi<RdsBackupMigrationJob> BackupMigrationJobs = new(
        "DRS ListReplicationJobs (RDS backup migration)", Api,
        new PagingRule(OffsetKind.RecordOffset, minLimit: 1, maxLimit: 65535, defaultLimit: 500),
        records: "jobs", total: "count", job => job.JobId);

    /// <summary>ShowReplicationJob: one backup migration job in full (backup files, target instance, databases).</summary>
    internal static readonly DetailApi<RdsBackupMigrationJobDetail> BackupMigrationJob = new(
        "DRS ShowReplicationJob (RDS backup migration)", Api);

    public static PagedListing<RdsBackupMigrationJob> ListBackupMigrationJobs(HuaweiCloudClient client, RdsBackupMigrationJobFilter filter, PageOptions paging)
    {
        // A blank id is refused, not dropped: dropping the only one would list every job instead of that instance's.
        var ids = filter.DbInstanceIds?.ToList();
        foreach (var id in ids ?? new List<string>()) ApiRequest.ValidateSegment(id, "DbInstanceId");
        if (ids is { Count: > MaxDbInstanceIds })
            throw new HuaweiCloudConfigurationException("TooManyDbInstanceIds", "DbInstanceId",
                $"-DbInstanceId takes at most {MaxDbInstanceIds} DB instance ids; {ids.Count} were given.");

        return BackupMigrationJobs.List(client, () => BackupMigrationJobs.Request($"/v5/{ApiHelpers.ProjectSegment(client)}/backup-migration-jobs")
            .With("name", filter.Name)
            .With("status", filter.Status)
            .WithEach("dbs_instance_ids", ids)
            .With("description", filter.Description)
            .With("create_at", filter.CreateAt)
            .With("completed_at", filter.CompletedAt)
            .With("enterprise_project_id", filter.EnterpriseProjectId)
            .With("tags", filter.Tags)
            .With("sort_key", filter.SortKey)
            .With("sort_dir", filter.SortDirection)
            .WithHeader("X-Language", filter.Language), paging);
    }

    /// <summary>One backup migration job in full (<see cref="BackupMigrationJob"/>).</summary>
    public static RdsBackupMigrationJobDetail GetBackupMigrationJob(HuaweiCloudClient client, string jobId) =>
        BackupMigrationJob.Get(client, JobPath(client, jobId), "job", jobId, job => Complete(job, jobId));

    /// <summary>One job in full, without blocking (a wait reads the details of the jobs that ended concurrently).</summary>
    public static Task<RdsBackupMigrationJobDetail> GetBackupMigrationJobAsync(HuaweiCloudClient client, string jobId, CancellationToken cancellation) =>
        BackupMigrationJob.GetAsync(client, JobPath(client, jobId), "job", jobId, cancellation, job => Complete(job, jobId));

    private static string JobPath(HuaweiCloudClient client, string jobId) =>
        $"/v5/{ApiHelpers.ProjectSegment(client)}/backup-migration-jobs/{ApiRequest.Segment(jobId, "JobId")}";

    private static void Complete(RdsBackupMigrationJobDetail job, string jobId)
    {
        job.JobId ??= jobId;
        // The SDK models the name and description in base_info only; a top-level value some service may send stays
        // as the fallback.
        if (!string.IsNullOrEmpty(job.BaseInfo?.Name)) job.Name = job.BaseInfo!.Name;
        if (!string.IsNullOrEmpty(job.BaseInfo?.Description)) job.Description = job.BaseInfo!.Description;
    }
}
