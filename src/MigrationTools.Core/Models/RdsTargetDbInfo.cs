using System.Text.Json.Serialization;

namespace MigrationTools.Core.Models;

/// <summary>The target of the restore.</summary>
public sealed class RdsTargetDbInfo
{
    [JsonPropertyName("target_instance_id")] public string? TargetInstanceId { get; set; }
    /// <summary>Whether FILESTREAM is enabled on the target (as the service words it).</summary>
    [JsonPropertyName("ms_file_stream_status")] public string? MsFileStreamStatus { get; set; }
    [JsonPropertyName("file_id")] public string? FileId { get; set; }

    public override string ToString() => TargetInstanceId ?? string.Empty;
}
