using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

public sealed class RabbitMqQueue
{
    [JsonPropertyName("vhost")] public string? Vhost { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("durable"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? Durable { get; set; }
    public override string ToString() => $"{Vhost}/{Name}";
}
