using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>Where the backup files of a job come from.</summary>
public sealed class RdsBackupInfo
{
    /// <summary>OBS.</summary>
    [JsonPropertyName("file_source")] public string? FileSource { get; set; }
    [JsonPropertyName("bucket_name")] public string? BucketName { get; set; }
    [JsonPropertyName("file_info"), JsonConverter(typeof(ReadableListConverter<RdsBackupFile>))]
    public ReadableList<RdsBackupFile> FileInfo { get; set; } = ReadableList<RdsBackupFile>.Empty;

    public override string ToString()
    {
        var from = BucketName ?? FileSource ?? string.Empty;
        return FileInfo.Count == 0 ? from : $"{from}: {FileInfo}";
    }
}
