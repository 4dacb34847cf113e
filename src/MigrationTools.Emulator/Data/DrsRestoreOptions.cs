namespace MigrationTools.Emulator;

/// <summary>How a job restores (the SDK's BackupRestoreOptionInfo); the databases are <see cref="DrsJobDetail.DbNames"/>.</summary>
public sealed record DrsRestoreOptions(bool IsCover, bool IsDefaultRestore, bool IsLastBackup, bool IsPrecheck, string RecoveryMode,
    IReadOnlyDictionary<string, string> ResetDbNameMap, bool IsDeleteBackupFile);
