using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>The job's basic settings.</summary>
public sealed class RdsBackupJobBaseInfo
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>sqlserver.</summary>
    [JsonPropertyName("engine_type")] public string? EngineType { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("tags"), JsonConverter(typeof(ReadableListConverter<RdsTag>))]
    public ReadableList<RdsTag> Tags { get; set; } = ReadableList<RdsTag>.Empty;
    [JsonPropertyName("enterprise_project_id")] public string? EnterpriseProjectId { get; set; }

    public override string ToString() => string.Join(", ", new[] { Name, EngineType }.Where(s => !string.IsNullOrEmpty(s)));
}
