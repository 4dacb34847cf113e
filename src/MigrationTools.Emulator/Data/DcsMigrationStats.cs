namespace MigrationTools.Emulator;

/// <summary>Progress of an online migration. <see cref="AsStrings"/> tells whether the service sends the numbers as
/// JSON strings ("531221", "99.5") or as JSON numbers; it alternates with the task index (odd = strings).</summary>
public sealed record DcsMigrationStats(
    double FullMigrationProgress, long Offset, long SourceDbSize, long TargetDbSize, double TargetInputKbps,
    long TargetOps, bool IsMigrating, bool AsStrings);
