namespace MigrationTools.Emulator;

/// <summary>The detail-only fields of a DRS job: restored databases, OBS bucket, backup files, FILESTREAM, file id.</summary>
public sealed record DrsJobDetail(IReadOnlyList<string> DbNames, string Bucket, IReadOnlyList<DrsBackupFile> Files, bool FileStream, string FileId,
    DrsRestoreOptions Options);
