using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>
/// Progress of an online DCS migration, from <c>GET /v2/{project_id}/migration-task/{task_id}/stats</c>.
/// The page's table says String for every figure while its example sends JSON numbers: both are accepted.
/// </summary>
public sealed class DcsMigrationStats : IRegionalResource
{
    /// <summary>The task these figures belong to (not in the answer: set from the request).</summary>
    [JsonIgnore] public string? TaskId { get; set; }
    /// <summary>The task's name, carried from the piped task (not in the answer, and not looked up: null for an id
    /// given with -TaskId or piped as a string).</summary>
    [JsonIgnore] public string? TaskName { get; set; }
    /// <summary>Full migration progress, in percent.</summary>
    [JsonPropertyName("full_migration_progress"), JsonConverter(typeof(FlexibleDoubleConverter))] public double? FullMigrationProgress { get; set; }
    /// <summary>Incremental migration offset.</summary>
    [JsonPropertyName("offset"), JsonConverter(typeof(FlexibleInt64Converter))] public long? Offset { get; set; }
    /// <summary>Number of keys in the source Redis.</summary>
    [JsonPropertyName("source_dbsize"), JsonConverter(typeof(FlexibleInt64Converter))] public long? SourceDbSize { get; set; }
    /// <summary>Number of keys in the target Redis.</summary>
    [JsonPropertyName("target_dbsize"), JsonConverter(typeof(FlexibleInt64Converter))] public long? TargetDbSize { get; set; }
    /// <summary>Write traffic of the target Redis, in KB/s.</summary>
    [JsonPropertyName("target_input_kbps"), JsonConverter(typeof(FlexibleDoubleConverter))] public double? TargetInputKbps { get; set; }
    /// <summary>Operations per second on the target Redis.</summary>
    [JsonPropertyName("target_ops"), JsonConverter(typeof(FlexibleInt64Converter))] public long? TargetOps { get; set; }
    [JsonPropertyName("is_migrating"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsMigrating { get; set; }

    [JsonIgnore] public string? Region { get; set; }
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => $"{TaskId}: {FullMigrationProgress}%";
}
