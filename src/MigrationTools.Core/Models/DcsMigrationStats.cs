using System.Text.Json.Serialization;
using MigrationTools.Core.Formatting;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>
/// Progress of an online DCS migration, from <c>GET /v2/{project_id}/migration-task/{task_id}/stats</c>.
/// The page's table says String for every figure while its example sends JSON numbers: both are accepted.
/// </summary>
public sealed class DcsMigrationStats : IRegionalResource
{
    /// <summary>The task these figures belong to (not in the answer: set from the request).</summary>
    [ListItem(1)]
    [JsonIgnore] public string? TaskId { get; set; }
    /// <summary>The task's name, carried from the piped task (not in the answer, and not looked up: null for an id
    /// given with -TaskId or piped as a string).</summary>
    [TableColumn(1, 36, Label = "Task", OrElse = nameof(TaskId)), ListItem(2)]
    [JsonIgnore] public string? TaskName { get; set; }
    /// <summary>Full migration progress, in percent.</summary>
    [TableColumn(2, 9, Label = "Progress%", AlignRight = true), ListItem(3)]
    [JsonPropertyName("full_migration_progress"), JsonConverter(typeof(FlexibleDoubleConverter))] public double? FullMigrationProgress { get; set; }
    /// <summary>Incremental migration offset.</summary>
    [ListItem(9)]
    [JsonPropertyName("offset"), JsonConverter(typeof(FlexibleInt64Converter))] public long? Offset { get; set; }
    /// <summary>Number of keys in the source Redis.</summary>
    [TableColumn(3, 10, Label = "SourceKeys", AlignRight = true), ListItem(5)]
    [JsonPropertyName("source_dbsize"), JsonConverter(typeof(FlexibleInt64Converter))] public long? SourceDbSize { get; set; }
    /// <summary>Number of keys in the target Redis.</summary>
    [TableColumn(4, 10, Label = "TargetKeys", AlignRight = true), ListItem(6)]
    [JsonPropertyName("target_dbsize"), JsonConverter(typeof(FlexibleInt64Converter))] public long? TargetDbSize { get; set; }
    /// <summary>Write traffic of the target Redis, in KB/s.</summary>
    [ListItem(8)]
    [JsonPropertyName("target_input_kbps"), JsonConverter(typeof(FlexibleDoubleConverter))] public double? TargetInputKbps { get; set; }
    /// <summary>Operations per second on the target Redis.</summary>
    [ListItem(7)]
    [JsonPropertyName("target_ops"), JsonConverter(typeof(FlexibleInt64Converter))] public long? TargetOps { get; set; }
    [TableColumn(5, 9, Label = "Migrating"), ListItem(4)]
    [JsonPropertyName("is_migrating"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsMigrating { get; set; }

    [ListItem(10)]
    [JsonIgnore] public string? Region { get; set; }
    [ListItem(11)]
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => $"{TaskId}: {FullMigrationProgress}%";
}
