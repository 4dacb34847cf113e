using System.Text.Json.Serialization;
using MigrationTools.Core.Formatting;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>A RocketMQ metadata migration task, from <c>GET /v2/{project_id}/instances/{instance_id}/metadata</c>.</summary>
public sealed class RocketMqMigrationTask : IRegionalResource
{
    [ListItem(1)]
    [JsonPropertyName("id")] public string? TaskId { get; set; }
    [TableColumn(1, 24), ListItem(2)]
    [JsonPropertyName("name")] public string? TaskName { get; set; }
    /// <summary>The service sends "2023-03-13 19:43:32.12" with no zone; read as UTC.</summary>
    [TableColumn(4, 16, UtcTime = true), ListItem(5)]
    [JsonPropertyName("start_date"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? StartDate { get; set; }
    /// <summary>creating, starting (in progress), failed, finished.</summary>
    [TableColumn(2, 10), ListItem(3)]
    [JsonPropertyName("status")] public string? Status { get; set; }
    /// <summary>rocketmq (RocketMQ to RocketMQ) or rabbitToRocket (RabbitMQ to RocketMQ).</summary>
    [TableColumn(3, 14), ListItem(4)]
    [JsonPropertyName("type")] public string? Type { get; set; }

    /// <summary>The instance the task belongs to (set from the request).</summary>
    [ListItem(6)]
    [JsonIgnore] public string? InstanceId { get; set; }
    [ListItem(7)]
    [JsonIgnore] public string? Region { get; set; }
    [ListItem(8)]
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => TaskName ?? TaskId ?? string.Empty;
}
