using System.Text.Json.Serialization;

namespace MigrationTools.Core.Models;

/// <summary>A tag of a job.</summary>
public sealed class RdsTag
{
    [JsonPropertyName("key")] public string? Key { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }

    public override string ToString() => string.IsNullOrEmpty(Value) ? Key ?? string.Empty : $"{Key}={Value}";
}
