using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

public sealed class RabbitMqExchange
{
    [JsonPropertyName("vhost")] public string? Vhost { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>topic, direct, fanout or headers.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("durable"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? Durable { get; set; }
    public override string ToString() => $"{Vhost}/{Name}";
}
