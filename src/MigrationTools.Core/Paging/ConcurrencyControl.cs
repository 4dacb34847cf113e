namespace MigrationTools.Core.Paging;

/// <summary>
/// The number of requests a listing keeps in flight: additive increase, multiplicative decrease. A 429 halves it
/// (at most once a second: the gateway's window is one second, and the other requests of the same burst were
/// already on their way); each run of successes (of requests started since) as long as the current number raises it by one, up to the
/// -ThrottleLimit. Thread-safe: requests complete on pool threads.
/// </summary>
internal sealed class ConcurrencyControl
{
    private static readonly TimeSpan DecreaseInterval = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private readonly Func<TimeSpan> _clock;
    private readonly Action<string>? _log;
    private TimeSpan? _lastDecrease;
    private int _current;
    private int _successes;
    private int _generation;

    /// <param name="clock">The clock of the one-second window between decreases (<see cref="PageOptions.Clock"/>).</param>
    public ConcurrencyControl(int max, Action<string>? log, Func<TimeSpan>? clock = null)
    {
        _clock = clock ?? new PageOptions().Clock;
        Max = Math.Max(1, max);
        _current = Max;
        _log = log;
    }

    public int Max { get; }

    public int Current
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>Changes at each decrease: only requests started since count towards the next increase.</summary>
    public int Generation
    {
        get { lock (_gate) return _generation; }
    }

    /// <summary>A request of the listing was answered 429 (its <see cref="PageRequest.OnThrottled"/>).</summary>
    public void Throttled()
    {
        int before, after;
        lock (_gate)
        {
            var now = _clock();
            if (_lastDecrease is { } last && now - last < DecreaseInterval) return;
            _lastDecrease = now;
            before = _current;
            after = _current = Math.Max(1, _current / 2);
            _successes = 0;
            _generation++;
        }
        if (after != before)
            _log?.Invoke($"The gateway throttled a request (429): {after} request(s) in flight instead of {before} for the rest of this listing, rising again slowly.");
    }

    /// <param name="generation">The <see cref="Generation"/> when the request started.</param>
    public void Succeeded(int generation)
    {
        int after;
        lock (_gate)
        {
            if (_current >= Max || generation != _generation) return;
            if (++_successes < _current) return;
            _successes = 0;
            after = ++_current;
        }
        _log?.Invoke($"No throttling for a while: {after} request(s) in flight (at most {Max}).");
    }
}
