using System.Text.Json.Serialization;

namespace MigrationTools.Core.Models;

public sealed class RabbitMqVhost
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    public override string ToString() => Name ?? string.Empty;
}
