using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>
/// One RDS for SQL Server backup migration job in full, from DRS ShowReplicationJob
/// <c>GET /v5/{project_id}/backup-migration-jobs/{job_id}</c> (fields of the SDK's ShowReplicationJobResponse).
/// Name and Description come from base_info, where the SDK puts them; the restore settings are Options.
/// </summary>
public sealed class RdsBackupMigrationJobDetail : IRegionalResource
{
    [JsonPropertyName("id")] public string? JobId { get; set; }
    /// <summary>The job's name: base_info.name (a top-level name, which the SDK does not model, is the fallback).</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>TRANSFERRING, SUCCESS, FAILED, PRECHECK FAILED.</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }
    /// <summary>base_info.description (a top-level description is the fallback).</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("create_time"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? CreateTime { get; set; }
    [JsonPropertyName("finish_time"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? FinishTime { get; set; }
    /// <summary>The databases restored into the target instance (the SDKs model new_db_names as one string, "db1,db2").</summary>
    [JsonPropertyName("new_db_names"), JsonConverter(typeof(NameListConverter))]
    public ReadableList<string> NewDbNames { get; set; } = ReadableList<string>.Empty;
    /// <summary>The target RDS instance's name.</summary>
    [JsonPropertyName("instance_name")] public string? InstanceName { get; set; }
    [JsonPropertyName("error_log")] public string? ErrorLog { get; set; }
    [JsonPropertyName("backup_info")] public RdsBackupInfo? BackupInfo { get; set; }
    [JsonPropertyName("base_info")] public RdsBackupJobBaseInfo? BaseInfo { get; set; }
    [JsonPropertyName("target_db_info")] public RdsTargetDbInfo? TargetDbInfo { get; set; }
    /// <summary>How the job restores: overwrite, full or incremental, the databases and their new names.</summary>
    [JsonPropertyName("options")] public RdsBackupRestoreOptions? Options { get; set; }

    [JsonIgnore] public string? Region { get; set; }
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => Name ?? JobId ?? string.Empty;
}
