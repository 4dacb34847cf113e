namespace MigrationTools.Core.Paging;

/// <summary>How a fan-out runs: how many parts at once, how much each may read ahead, how the consumer waits.</summary>
public sealed class FanOutSettings
{
    /// <summary>Parts listed at once (the consumer's part and those after it).</summary>
    public int PartsAtOnce { get; set; } = 4;

    /// <summary>Records a part may hold ahead of the consumer; its listing pauses (and requests no more pages) when full.</summary>
    public int RecordsAhead { get; set; } = 1000;

    /// <summary>Ctrl+C: ends every part.</summary>
    public CancellationToken Cancellation { get; set; }

    /// <summary>Blocks the consumer's thread until the task is done (a cmdlet's host writes queued log lines meanwhile).</summary>
    public Func<Task<bool>, bool> Wait { get; set; } = task => task.GetAwaiter().GetResult();
}
