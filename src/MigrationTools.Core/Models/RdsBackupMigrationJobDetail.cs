using System;
using System.Collections.Generic;
using System.Linq;
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

/// <summary>Where the backup files of a job come from.</summary>
public sealed class RdsBackupInfo
{
    /// <summary>OBS.</summary>
    [JsonPropertyName("file_source")] public string? FileSource { get; set; }
    [JsonPropertyName("bucket_name")] public string? BucketName { get; set; }
    [JsonPropertyName("file_info"), JsonConverter(typeof(ReadableListConverter<RdsBackupFile>))]
    public ReadableList<RdsBackupFile> FileInfo { get; set; } = ReadableList<RdsBackupFile>.Empty;

    public override string ToString()
    {
        var from = BucketName ?? FileSource ?? string.Empty;
        return FileInfo.Count == 0 ? from : $"{from}: {FileInfo}";
    }
}

/// <summary>One backup file of a job.</summary>
public sealed class RdsBackupFile
{
    [JsonPropertyName("file_name")] public string? FileName { get; set; }
    /// <summary>Size in bytes (the SDK types it as a string; read either way).</summary>
    [JsonPropertyName("file_size"), JsonConverter(typeof(FlexibleInt64Converter))] public long? FileSize { get; set; }
    [JsonPropertyName("file_last_modify"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? FileLastModify { get; set; }

    public override string ToString() => FileName ?? string.Empty;
}

/// <summary>The job's basic settings.</summary>
public sealed class RdsBackupJobBaseInfo
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>sqlserver.</summary>
    [JsonPropertyName("engine_type")] public string? EngineType { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("tags"), JsonConverter(typeof(ReadableListConverter<RdsTag>))]
    public ReadableList<RdsTag> Tags { get; set; } = ReadableList<RdsTag>.Empty;
    [JsonPropertyName("enterprise_project_id")] public string? EnterpriseProjectId { get; set; }

    public override string ToString() => string.Join(", ", new[] { Name, EngineType }.Where(s => !string.IsNullOrEmpty(s)));
}

/// <summary>A tag of a job.</summary>
public sealed class RdsTag
{
    [JsonPropertyName("key")] public string? Key { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }

    public override string ToString() => string.IsNullOrEmpty(Value) ? Key ?? string.Empty : $"{Key}={Value}";
}

/// <summary>The target of the restore.</summary>
public sealed class RdsTargetDbInfo
{
    [JsonPropertyName("target_instance_id")] public string? TargetInstanceId { get; set; }
    /// <summary>Whether FILESTREAM is enabled on the target (as the service words it).</summary>
    [JsonPropertyName("ms_file_stream_status")] public string? MsFileStreamStatus { get; set; }
    [JsonPropertyName("file_id")] public string? FileId { get; set; }

    public override string ToString() => TargetInstanceId ?? string.Empty;
}

/// <summary>How a job restores (the SDK's BackupRestoreOptionInfo).</summary>
public sealed class RdsBackupRestoreOptions
{
    /// <summary>Whether a database of the same name on the target is overwritten.</summary>
    [JsonPropertyName("is_cover"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsCover { get; set; }
    /// <summary>Whether every database of the backup is restored under its own name.</summary>
    [JsonPropertyName("is_default_restore"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsDefaultRestore { get; set; }
    /// <summary>Whether this is the last backup (an incremental restore ends with it).</summary>
    [JsonPropertyName("is_last_backup"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsLastBackup { get; set; }
    [JsonPropertyName("is_precheck"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsPrecheck { get; set; }
    /// <summary>full or incre.</summary>
    [JsonPropertyName("recovery_mode")] public string? RecoveryMode { get; set; }
    /// <summary>The databases to restore.</summary>
    [JsonPropertyName("db_names"), JsonConverter(typeof(ReadableListConverter<string>))]
    public ReadableList<string> DbNames { get; set; } = ReadableList<string>.Empty;
    /// <summary>New names of restored databases (old name to new name).</summary>
    [JsonPropertyName("reset_db_name_map"), JsonConverter(typeof(NameMapConverter))]
    public ReadableList<RdsDbRename> ResetDbNameMap { get; set; } = ReadableList<RdsDbRename>.Empty;
    /// <summary>Whether the backup files are deleted from OBS after the restore.</summary>
    [JsonPropertyName("is_delete_backup_file"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsDeleteBackupFile { get; set; }

    public override string ToString()
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(RecoveryMode)) parts.Add(RecoveryMode!);
        if (IsCover == true) parts.Add("overwrite");
        if (IsLastBackup == true) parts.Add("last backup");
        if (IsDeleteBackupFile == true) parts.Add("delete backup files");
        parts.Add(ResetDbNameMap.Count > 0 ? ResetDbNameMap.ToString() : DbNames.ToString());
        return string.Join(", ", parts.Where(p => p.Length > 0));
    }
}

/// <summary>One database restored under a new name.</summary>
public sealed class RdsDbRename
{
    public RdsDbRename(string oldName, string? newName) { OldName = oldName; NewName = newName; }
    public string OldName { get; }
    public string? NewName { get; }

    public override string ToString() => $"{OldName}->{NewName}";
}
