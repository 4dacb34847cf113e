namespace MigrationTools.Core.Paging;

/// <summary>
/// The progress of one listing as the user sees it: after each page of a listing that knows its total and has run
/// longer than the delay; once more, completed, when a listing that showed progress ends or its consumer stops.
/// A cmdlet applies it around the pages it writes (<see cref="WatchedPages"/>); the delay counts from its creation.
/// </summary>
public sealed class ProgressReport
{
    /// <summary>How long a listing runs before it reports progress: small listings show none.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(1);

    private readonly Action<ListingProgress> _report;
    private readonly TimeSpan _delay;
    private readonly Func<TimeSpan> _clock;
    private readonly TimeSpan _started;
    private bool _shown;

    /// <param name="report">Shows the progress (a cmdlet's WriteProgress).</param>
    /// <param name="delay">How long the listing runs before progress shows.</param>
    /// <param name="clock">The time since any fixed point, never going back (<see cref="PageOptions.Clock"/>).</param>
    public ProgressReport(Action<ListingProgress> report, TimeSpan delay, Func<TimeSpan> clock)
    {
        _report = report ?? throw new ArgumentNullException(nameof(report));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _delay = delay;
        _started = _clock();
    }

    /// <summary>
    /// The report of a listing with <paramref name="options"/>, or null when -First cuts it: its end is the user's
    /// number, not the total, so a bar would mislead.
    /// </summary>
    public static ProgressReport? For(PageOptions options, Action<ListingProgress> report, TimeSpan? delay = null)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        return options.First is null ? new ProgressReport(report, delay ?? DefaultDelay, options.Clock) : null;
    }

    /// <summary>A page's records were written.</summary>
    public void AfterPage(long written, long? expected)
    {
        if (expected is not { } total || _clock() - _started < _delay) return;
        _shown = true;
        _report(new ListingProgress(written, total, completed: false));
    }

    /// <summary>The listing ended (or its consumer stopped): a progress bar that was shown is closed.</summary>
    public void Close(long written, long? expected)
    {
        if (!_shown) return;
        try { _report(new ListingProgress(written, expected ?? written, completed: true)); }
        catch (Exception) { /* closing a progress bar while the pipeline stops may fail; nothing to tell */ }
    }
}
