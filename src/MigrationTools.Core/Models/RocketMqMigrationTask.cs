using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>A RocketMQ metadata migration task, from <c>GET /v2/{project_id}/instances/{instance_id}/metadata</c>.</summary>
public sealed class RocketMqMigrationTask : IRegionalResource
{
    [JsonPropertyName("id")] public string? TaskId { get; set; }
    [JsonPropertyName("name")] public string? TaskName { get; set; }
    /// <summary>The service sends "2023-03-13 19:43:32.12" with no zone; read as UTC.</summary>
    [JsonPropertyName("start_date"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? StartDate { get; set; }
    /// <summary>creating, starting (in progress), failed, finished.</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }
    /// <summary>rocketmq (RocketMQ to RocketMQ) or rabbitToRocket (RabbitMQ to RocketMQ).</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }

    /// <summary>The instance the task belongs to (set from the request).</summary>
    [JsonIgnore] public string? InstanceId { get; set; }
    [JsonIgnore] public string? Region { get; set; }
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => TaskName ?? TaskId ?? string.Empty;
}
