using System;
using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>
/// One DCS migration task in full, from ShowMigrationTask <c>GET /v2/{project_id}/migration-task/{task_id}</c>.
/// Instance passwords the service may send back are deliberately not modelled: they never reach the pipeline.
/// </summary>
public sealed class DcsMigrationTaskDetail : IRegionalResource
{
    [JsonPropertyName("task_id")] public string? TaskId { get; set; }
    [JsonPropertyName("task_name")] public string? TaskName { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    /// <summary>SUCCESS, FAILED, MIGRATING, TERMINATED, TERMINATING, INCRMIGEATING (sic), FULLMIGRATING, RUNNING, MIGRATION_FAILED, RELEASED...</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("migration_type")] public string? MigrationType { get; set; }
    [JsonPropertyName("migration_method")] public string? MigrationMethod { get; set; }
    [JsonPropertyName("ecs_tenant_private_ip")] public string? EcsTenantPrivateIp { get; set; }
    /// <summary>vpc or vpn.</summary>
    [JsonPropertyName("network_type")] public string? NetworkType { get; set; }
    [JsonPropertyName("source_instance")] public DcsMigrationEndpoint? SourceInstance { get; set; }
    [JsonPropertyName("target_instance")] public DcsMigrationEndpoint? TargetInstance { get; set; }
    [JsonPropertyName("backup_files")] public DcsBackupFiles? BackupFiles { get; set; }
    [JsonPropertyName("created_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? CreatedAt { get; set; }
    /// <summary>When the task completed.</summary>
    [JsonPropertyName("updated_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? UpdatedAt { get; set; }
    [JsonPropertyName("released_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? ReleasedAt { get; set; }
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("resume_mode")] public string? ResumeMode { get; set; }
    [JsonPropertyName("supported_features"), JsonConverter(typeof(ReadableListConverter<string>))]
    public ReadableList<string> SupportedFeatures { get; set; } = ReadableList<string>.Empty;
    [JsonPropertyName("tenant_vpc_id")] public string? TenantVpcId { get; set; }
    [JsonPropertyName("tenant_subnet_id")] public string? TenantSubnetId { get; set; }
    [JsonPropertyName("tenant_security_group_id")] public string? TenantSecurityGroupId { get; set; }
    /// <summary>Bandwidth limit in MB/s (the SDK types it as a string).</summary>
    [JsonPropertyName("bandwidth_limit_mb"), JsonConverter(typeof(FlexibleInt64Converter))] public long? BandwidthLimitMb { get; set; }
    [JsonPropertyName("task_status")] public string? TaskStatus { get; set; }

    [JsonIgnore] public string? Region { get; set; }
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => TaskName ?? TaskId ?? string.Empty;
}

/// <summary>The source or target Redis of a DCS migration task.</summary>
public sealed class DcsMigrationEndpoint
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>ip:port of the Redis.</summary>
    [JsonPropertyName("addrs")] public string? Addrs { get; set; }
    [JsonPropertyName("ip")] public string? Ip { get; set; }
    /// <summary>The SDK types the port as a string; read either way.</summary>
    [JsonPropertyName("port"), JsonConverter(typeof(FlexibleInt64Converter))] public long? Port { get; set; }
    [JsonPropertyName("db")] public string? Db { get; set; }
    [JsonPropertyName("task_status")] public string? TaskStatus { get; set; }
    [JsonPropertyName("proxy_multi_db"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? ProxyMultiDb { get; set; }

    public override string ToString()
    {
        // The service sends "" for what it does not know (a self-built source has no name): shown as absent.
        var where = Filled(Addrs) ?? (Filled(Ip) is null ? null : Port is null ? Ip : $"{Ip}:{Port}");
        var who = Filled(Name) ?? Filled(Id);
        return who is null ? where ?? string.Empty : where is null ? who : $"{who} ({where})";
    }

    private static string? Filled(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

/// <summary>Where a backup-file import takes its files from.</summary>
public sealed class DcsBackupFiles
{
    /// <summary>self_build_obs or backup_record.</summary>
    [JsonPropertyName("file_source")] public string? FileSource { get; set; }
    [JsonPropertyName("bucket_name")] public string? BucketName { get; set; }
    [JsonPropertyName("backup_id")] public string? BackupId { get; set; }
    [JsonPropertyName("files"), JsonConverter(typeof(ReadableListConverter<DcsBackupFile>))]
    public ReadableList<DcsBackupFile> Files { get; set; } = ReadableList<DcsBackupFile>.Empty;

    public override string ToString()
    {
        var from = BucketName ?? BackupId ?? FileSource ?? string.Empty;
        return Files.Count == 0 ? from : $"{from}: {Files}";
    }
}

/// <summary>One imported backup file.</summary>
public sealed class DcsBackupFile
{
    [JsonPropertyName("file_name")] public string? FileName { get; set; }
    /// <summary>Size in bytes.</summary>
    [JsonPropertyName("size"), JsonConverter(typeof(FlexibleInt64Converter))] public long? Size { get; set; }
    /// <summary>Last modified (the service names it update_at, "YYYY-MM-DD HH:MM:SS").</summary>
    [JsonPropertyName("update_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? UpdatedAt { get; set; }

    public override string ToString() => FileName ?? string.Empty;
}
