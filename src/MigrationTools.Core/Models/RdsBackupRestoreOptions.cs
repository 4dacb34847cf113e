using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>How a job restores (the SDK's BackupRestoreOptionInfo).</summary>
public sealed class RdsBackupRestoreOptions
{
    /// <summary>Whether a database of the same name on the target is overwritten.</summary>
    [JsonPropertyName("is_cover"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsCover { get; set; }
    /// <summary>Whether every database of the backup is restored under its own name.</summary>
    [JsonPropertyName("is_default_restore"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsDefaultRestore { get; set; }
    /// <summary>Whether this is the last backup (an incremental restore ends with it).</summary>
    [JsonPropertyName("is_last_backup"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsLastBackup { get; set; }
    [JsonPropertyName("is_precheck"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsPrecheck { get; set; }
    /// <summary>full or incre.</summary>
    [JsonPropertyName("recovery_mode")] public string? RecoveryMode { get; set; }
    /// <summary>The databases to restore.</summary>
    [JsonPropertyName("db_names"), JsonConverter(typeof(ReadableListConverter<string>))]
    public ReadableList<string> DbNames { get; set; } = ReadableList<string>.Empty;
    /// <summary>New names of restored databases (old name to new name).</summary>
    [JsonPropertyName("reset_db_name_map"), JsonConverter(typeof(NameMapConverter))]
    public ReadableList<RdsDbRename> ResetDbNameMap { get; set; } = ReadableList<RdsDbRename>.Empty;
    /// <summary>Whether the backup files are deleted from OBS after the restore.</summary>
    [JsonPropertyName("is_delete_backup_file"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsDeleteBackupFile { get; set; }

    public override string ToString()
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(RecoveryMode)) parts.Add(RecoveryMode!);
        if (IsCover == true) parts.Add("overwrite");
        if (IsLastBackup == true) parts.Add("last backup");
        if (IsDeleteBackupFile == true) parts.Add("delete backup files");
        parts.Add(ResetDbNameMap.Count > 0 ? ResetDbNameMap.ToString() : DbNames.ToString());
        return string.Join(", ", parts.Where(p => p.Length > 0));
    }
}
