using System.Text.Json.Serialization;

namespace MigrationTools.Core.Models;

public sealed class RabbitMqBinding
{
    [JsonPropertyName("vhost")] public string? Vhost { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("destination")] public string? Destination { get; set; }
    /// <summary>exchange or queue.</summary>
    [JsonPropertyName("destination_type")] public string? DestinationType { get; set; }
    [JsonPropertyName("routing_key")] public string? RoutingKey { get; set; }
    public override string ToString() => $"{Vhost}/{Source}->{Destination}" + (string.IsNullOrEmpty(RoutingKey) ? "" : $" [{RoutingKey}]");
}
