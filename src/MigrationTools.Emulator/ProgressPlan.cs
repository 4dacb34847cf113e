namespace MigrationTools.Emulator;

/// <param name="Id">A DCS task id, DRS job id or RocketMQ task id of the data set.</param>
/// <param name="Polls">Reads (details or lists) that still see the task running.</param>
/// <param name="After">Or: the time after which it has ended.</param>
/// <param name="FinalStatus">Default SUCCESS (DCS, DRS) or finished (RocketMQ). MIGRATING keeps a DCS incremental
/// migration syncing after its full phase reached 100%.</param>
/// <param name="RunningStatus">What the DCS detail says while the task runs: MIGRATING by default, or the phases
/// ShowMigrationTask also reports, FULLMIGRATING and INCRMIGEATING (sic). The list and the stats say MIGRATING.</param>
public sealed record ProgressPlan(string Id, int? Polls = null, TimeSpan? After = null, string? FinalStatus = null, string? RunningStatus = null);
