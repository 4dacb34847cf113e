using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>One backup file of a job.</summary>
public sealed class RdsBackupFile
{
    [JsonPropertyName("file_name")] public string? FileName { get; set; }
    /// <summary>Size in bytes (the SDK types it as a string; read either way).</summary>
    [JsonPropertyName("file_size"), JsonConverter(typeof(FlexibleInt64Converter))] public long? FileSize { get; set; }
    [JsonPropertyName("file_last_modify"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? FileLastModify { get; set; }

    public override string ToString() => FileName ?? string.Empty;
}
