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
