namespace MigrationTools.Core.Paging;

/// <summary>
/// The progress of a listing as the user sees it (<see cref="PageOptions.OnProgress"/>): after each page of a listing
/// that knows its total, has run longer than <see cref="PageOptions.ProgressDelay"/> by <see cref="PageOptions.Clock"/>
/// and is not cut by -First; once more, completed, when a listing that showed progress ends or its consumer stops.
/// </summary>
internal sealed class ProgressReport
{
    private readonly Action<ListingProgress>? _report;
    private readonly TimeSpan _delay;
    private readonly Func<TimeSpan> _clock;
    private readonly TimeSpan _started;
    private bool _shown;

    public ProgressReport(PageOptions options)
    {
        _report = options.First is null ? options.OnProgress : null;
        _delay = options.ProgressDelay;
        _clock = options.Clock;
        _started = _clock();
    }

    /// <summary>A page's records were written.</summary>
    public void AfterPage(long written, long? expected)
    {
        if (_report is null || expected is not { } total || _clock() - _started < _delay) return;
        _shown = true;
        _report(new ListingProgress(written, total, completed: false));
    }

    /// <summary>The listing ended (or its consumer stopped): a progress bar that was shown is closed.</summary>
    public void Close(long written, long? expected)
    {
        if (!_shown) return;
        try { _report!(new ListingProgress(written, expected ?? written, completed: true)); }
        catch (Exception) { /* closing a progress bar while the pipeline stops may fail; nothing to tell */ }
    }
}
