using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>A DCS (Redis) migration task as listed by <c>GET /v2/{project_id}/migration-tasks</c>.</summary>
public sealed class DcsMigrationTask : IRegionalResource
{
    [JsonPropertyName("task_id")] public string? TaskId { get; set; }
    [JsonPropertyName("task_name")] public string? TaskName { get; set; }
    /// <summary>SUCCESS, FAILED, MIGRATING, TERMINATED (kept as text: a new value cannot break parsing).</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }
    /// <summary>backupfile_import or online_migration.</summary>
    [JsonPropertyName("migration_type")] public string? MigrationType { get; set; }
    /// <summary>full_amount_migration or incremental_migration.</summary>
    [JsonPropertyName("migration_method")] public string? MigrationMethod { get; set; }
    [JsonPropertyName("ecs_tenant_private_ip")] public string? EcsTenantPrivateIp { get; set; }
    [JsonPropertyName("data_source")] public string? DataSource { get; set; }
    [JsonPropertyName("source_instance_name")] public string? SourceInstanceName { get; set; }
    [JsonPropertyName("source_instance_id")] public string? SourceInstanceId { get; set; }
    [JsonPropertyName("target_instance_addrs")] public string? TargetInstanceAddrs { get; set; }
    [JsonPropertyName("target_instance_name")] public string? TargetInstanceName { get; set; }
    [JsonPropertyName("target_instance_id")] public string? TargetInstanceId { get; set; }
    [JsonPropertyName("created_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? CreatedAt { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("source_instance_status")] public string? SourceInstanceStatus { get; set; }
    [JsonPropertyName("target_instance_status")] public string? TargetInstanceStatus { get; set; }
    [JsonPropertyName("source_instance_subnet_id")] public string? SourceInstanceSubnetId { get; set; }
    [JsonPropertyName("target_instance_subnet_id")] public string? TargetInstanceSubnetId { get; set; }
    [JsonPropertyName("source_instance_spec_code")] public string? SourceInstanceSpecCode { get; set; }
    [JsonPropertyName("target_instance_spec_code")] public string? TargetInstanceSpecCode { get; set; }
    [JsonPropertyName("error_message")] public string? ErrorMessage { get; set; }
    /// <summary>When the migration ECS was released; the service sends the compact form 202404011057.</summary>
    [JsonPropertyName("released_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? ReleasedAt { get; set; }
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("resume_mode")] public string? ResumeMode { get; set; }
    [JsonPropertyName("supported_features"), JsonConverter(typeof(ReadableListConverter<string>))]
    public ReadableList<string> SupportedFeatures { get; set; } = ReadableList<string>.Empty;
    [JsonIgnore] public string? Region { get; set; }
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => TaskName ?? TaskId ?? string.Empty;
}
