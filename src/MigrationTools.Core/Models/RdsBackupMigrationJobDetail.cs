using System.Text.Json.Serialization;
using MigrationTools.Core.Formatting;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>
/// One RDS for SQL Server backup migration job in full, from DRS ShowReplicationJob
/// <c>GET /v5/{project_id}/backup-migration-jobs/{job_id}</c> (fields of the SDK's ShowReplicationJobResponse).
/// Name and Description come from base_info, where the SDK puts them; the restore settings are Options.
/// </summary>
public sealed class RdsBackupMigrationJobDetail : IRegionalResource
{
    [ListItem(1)]
    [JsonPropertyName("id")] public string? JobId { get; set; }
    /// <summary>The job's name: base_info.name (a top-level name, which the SDK does not model, is the fallback).</summary>
    [TableColumn(1, 20), ListItem(2)]
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>TRANSFERRING, SUCCESS, FAILED, PRECHECK FAILED.</summary>
    [TableColumn(2, 15), ListItem(3)]
    [JsonPropertyName("status")] public string? Status { get; set; }
    /// <summary>base_info.description (a top-level description is the fallback).</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }
    [ListItem(4)]
    [JsonPropertyName("create_time"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? CreateTime { get; set; }
    [TableColumn(3, 16, UtcTime = true), ListItem(5)]
    [JsonPropertyName("finish_time"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? FinishTime { get; set; }
    /// <summary>The databases restored into the target instance (the SDKs model new_db_names as one string, "db1,db2").</summary>
    [ListItem(7)]
    [JsonPropertyName("new_db_names"), JsonConverter(typeof(NameListConverter))]
    public ReadableList<string> NewDbNames { get; set; } = ReadableList<string>.Empty;
    /// <summary>The target RDS instance's name.</summary>
    [TableColumn(4, 25), ListItem(6)]
    [JsonPropertyName("instance_name")] public string? InstanceName { get; set; }
    [ListItem(8)]
    [JsonPropertyName("error_log")] public string? ErrorLog { get; set; }
    [ListItem(9)]
    [JsonPropertyName("backup_info")] public RdsBackupInfo? BackupInfo { get; set; }
    [ListItem(10)]
    [JsonPropertyName("base_info")] public RdsBackupJobBaseInfo? BaseInfo { get; set; }
    [ListItem(11)]
    [JsonPropertyName("target_db_info")] public RdsTargetDbInfo? TargetDbInfo { get; set; }
    /// <summary>How the job restores: overwrite, full or incremental, the databases and their new names.</summary>
    [ListItem(12, AsText = true)]
    [JsonPropertyName("options")] public RdsBackupRestoreOptions? Options { get; set; }

    [ListItem(13)]
    [JsonIgnore] public string? Region { get; set; }
    [ListItem(14)]
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => Name ?? JobId ?? string.Empty;
}
