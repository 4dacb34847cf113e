namespace MigrationTools.Emulator;

public sealed record DrsBackupFile(string Name, long Size, string LastModify);
