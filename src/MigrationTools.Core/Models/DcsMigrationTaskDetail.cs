using System.Text.Json.Serialization;
using MigrationTools.Core.Formatting;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>
/// One DCS migration task in full, from ShowMigrationTask <c>GET /v2/{project_id}/migration-task/{task_id}</c>.
/// Instance passwords the service may send back are deliberately not modelled: they never reach the pipeline.
/// </summary>
public sealed class DcsMigrationTaskDetail : IRegionalResource
{
    [ListItem(1)]
    [JsonPropertyName("task_id")] public string? TaskId { get; set; }
    [TableColumn(1, 28), ListItem(2)]
    [JsonPropertyName("task_name")] public string? TaskName { get; set; }
    [ListItem(3)]
    [JsonPropertyName("description")] public string? Description { get; set; }
    /// <summary>SUCCESS, FAILED, MIGRATING, TERMINATED, TERMINATING, INCRMIGEATING (sic), FULLMIGRATING, RUNNING, MIGRATION_FAILED, RELEASED...</summary>
    [TableColumn(2, 10), ListItem(4)]
    [JsonPropertyName("status")] public string? Status { get; set; }
    [TableColumn(3, 17), ListItem(5)]
    [JsonPropertyName("migration_type")] public string? MigrationType { get; set; }
    [ListItem(6)]
    [JsonPropertyName("migration_method")] public string? MigrationMethod { get; set; }
    [ListItem(21)]
    [JsonPropertyName("ecs_tenant_private_ip")] public string? EcsTenantPrivateIp { get; set; }
    /// <summary>vpc or vpn.</summary>
    [ListItem(7)]
    [JsonPropertyName("network_type")] public string? NetworkType { get; set; }
    [ListItem(8, AsText = true)]
    [JsonPropertyName("source_instance")] public DcsMigrationEndpoint? SourceInstance { get; set; }
    [ListItem(9, AsText = true)]
    [JsonPropertyName("target_instance")] public DcsMigrationEndpoint? TargetInstance { get; set; }
    [ListItem(10, AsText = true)]
    [JsonPropertyName("backup_files")] public DcsBackupFiles? BackupFiles { get; set; }
    [ListItem(11)]
    [JsonPropertyName("created_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? CreatedAt { get; set; }
    /// <summary>When the task completed.</summary>
    [TableColumn(4, 16, UtcTime = true), ListItem(12)]
    [JsonPropertyName("updated_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? UpdatedAt { get; set; }
    [ListItem(13)]
    [JsonPropertyName("released_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? ReleasedAt { get; set; }
    [ListItem(16)]
    [JsonPropertyName("version")] public string? Version { get; set; }
    [ListItem(17)]
    [JsonPropertyName("resume_mode")] public string? ResumeMode { get; set; }
    [ListItem(15)]
    [JsonPropertyName("supported_features"), JsonConverter(typeof(ReadableListConverter<string>))]
    public ReadableList<string> SupportedFeatures { get; set; } = ReadableList<string>.Empty;
    [ListItem(18)]
    [JsonPropertyName("tenant_vpc_id")] public string? TenantVpcId { get; set; }
    [ListItem(19)]
    [JsonPropertyName("tenant_subnet_id")] public string? TenantSubnetId { get; set; }
    [ListItem(20)]
    [JsonPropertyName("tenant_security_group_id")] public string? TenantSecurityGroupId { get; set; }
    /// <summary>Bandwidth limit in MB/s (the SDK types it as a string).</summary>
    [ListItem(14)]
    [JsonPropertyName("bandwidth_limit_mb"), JsonConverter(typeof(FlexibleInt64Converter))] public long? BandwidthLimitMb { get; set; }
    [JsonPropertyName("task_status")] public string? TaskStatus { get; set; }

    [ListItem(22)]
    [JsonIgnore] public string? Region { get; set; }
    [ListItem(23)]
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => TaskName ?? TaskId ?? string.Empty;
}
