using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>Where a backup-file import takes its files from.</summary>
public sealed class DcsBackupFiles
{
    /// <summary>self_build_obs or backup_record.</summary>
    [JsonPropertyName("file_source")] public string? FileSource { get; set; }
    [JsonPropertyName("bucket_name")] public string? BucketName { get; set; }
    [JsonPropertyName("backup_id")] public string? BackupId { get; set; }
    [JsonPropertyName("files"), JsonConverter(typeof(ReadableListConverter<DcsBackupFile>))]
    public ReadableList<DcsBackupFile> Files { get; set; } = ReadableList<DcsBackupFile>.Empty;

    public override string ToString()
    {
        var from = BucketName ?? BackupId ?? FileSource ?? string.Empty;
        return Files.Count == 0 ? from : $"{from}: {Files}";
    }
}
