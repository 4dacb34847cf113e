using System.Text.Json.Serialization;

namespace MigrationTools.Core.Models;

/// <summary>A DMS instance, from ListInstances <c>GET /v2/{project_id}/instances?engine=rocketmq</c> (or reliability).</summary>
public sealed class RocketMqInstance : IRegionalResource
{
    [JsonPropertyName("instance_id")] public string? InstanceId { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>rocketmq for RocketMQ, or reliability, its name before 2024 (kafka, rabbitmq for the other DMS engines).</summary>
    [JsonPropertyName("engine")] public string? Engine { get; set; }
    [JsonPropertyName("engine_version")] public string? EngineVersion { get; set; }
    /// <summary>RUNNING, CREATING, ERROR, ...</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("specification")] public string? Specification { get; set; }

    [JsonIgnore] public string? Region { get; set; }
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => Name ?? InstanceId ?? string.Empty;
}
