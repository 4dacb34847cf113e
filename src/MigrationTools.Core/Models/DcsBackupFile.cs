using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>One imported backup file.</summary>
public sealed class DcsBackupFile
{
    [JsonPropertyName("file_name")] public string? FileName { get; set; }
    /// <summary>Size in bytes.</summary>
    [JsonPropertyName("size"), JsonConverter(typeof(FlexibleInt64Converter))] public long? Size { get; set; }
    /// <summary>Last modified (the service names it update_at, "YYYY-MM-DD HH:MM:SS").</summary>
    [JsonPropertyName("update_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? UpdatedAt { get; set; }

    public override string ToString() => FileName ?? string.Empty;
}
