using System.Text.Json.Serialization;
using MigrationTools.Core.Formatting;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>A DCS (Redis) migration task as listed by <c>GET /v2/{project_id}/migration-tasks</c>.</summary>
public sealed class DcsMigrationTask : IRegionalResource
{
    [ListItem(1)]
    [JsonPropertyName("task_id")] public string? TaskId { get; set; }
    [TableColumn(1, 28), ListItem(2)]
    [JsonPropertyName("task_name")] public string? TaskName { get; set; }
    /// <summary>SUCCESS, FAILED, MIGRATING, TERMINATED (kept as text: a new value cannot break parsing).</summary>
    [TableColumn(2, 10), ListItem(3)]
    [JsonPropertyName("status")] public string? Status { get; set; }
    /// <summary>backupfile_import or online_migration.</summary>
    [TableColumn(3, 17), ListItem(4)]
    [JsonPropertyName("migration_type")] public string? MigrationType { get; set; }
    /// <summary>full_amount_migration or incremental_migration.</summary>
    [ListItem(5)]
    [JsonPropertyName("migration_method")] public string? MigrationMethod { get; set; }
    [JsonPropertyName("ecs_tenant_private_ip")] public string? EcsTenantPrivateIp { get; set; }
    [ListItem(6)]
    [JsonPropertyName("data_source")] public string? DataSource { get; set; }
    [ListItem(7)]
    [JsonPropertyName("source_instance_name")] public string? SourceInstanceName { get; set; }
    [ListItem(8)]
    [JsonPropertyName("source_instance_id")] public string? SourceInstanceId { get; set; }
    [ListItem(11)]
    [JsonPropertyName("target_instance_addrs")] public string? TargetInstanceAddrs { get; set; }
    [ListItem(9)]
    [JsonPropertyName("target_instance_name")] public string? TargetInstanceName { get; set; }
    [ListItem(10)]
    [JsonPropertyName("target_instance_id")] public string? TargetInstanceId { get; set; }
    [TableColumn(4, 16, UtcTime = true), ListItem(13)]
    [JsonPropertyName("created_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? CreatedAt { get; set; }
    [ListItem(12)]
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("source_instance_status")] public string? SourceInstanceStatus { get; set; }
    [JsonPropertyName("target_instance_status")] public string? TargetInstanceStatus { get; set; }
    [JsonPropertyName("source_instance_subnet_id")] public string? SourceInstanceSubnetId { get; set; }
    [JsonPropertyName("target_instance_subnet_id")] public string? TargetInstanceSubnetId { get; set; }
    [JsonPropertyName("source_instance_spec_code")] public string? SourceInstanceSpecCode { get; set; }
    [JsonPropertyName("target_instance_spec_code")] public string? TargetInstanceSpecCode { get; set; }
    [ListItem(15)]
    [JsonPropertyName("error_message")] public string? ErrorMessage { get; set; }
    /// <summary>When the migration ECS was released; the service sends the compact form 202404011057.</summary>
    [ListItem(14)]
    [JsonPropertyName("released_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? ReleasedAt { get; set; }
    [ListItem(17)]
    [JsonPropertyName("version")] public string? Version { get; set; }
    [ListItem(18)]
    [JsonPropertyName("resume_mode")] public string? ResumeMode { get; set; }
    [ListItem(16)]
    [JsonPropertyName("supported_features"), JsonConverter(typeof(ReadableListConverter<string>))]
    public ReadableList<string> SupportedFeatures { get; set; } = ReadableList<string>.Empty;
    [ListItem(19)]
    [JsonIgnore] public string? Region { get; set; }
    [ListItem(20)]
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => TaskName ?? TaskId ?? string.Empty;
}
