using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace MigrationTools.Core.Paging;

/// <summary>
/// Tells the listing a request belongs to that the gateway throttled it (429). The resilience pipeline retries
/// the request itself; it reports the 429 here, and the listing that started the request (an async-local value
/// flows into the request's continuations) lowers its number in flight.
/// </summary>
public static class ThrottleSignal
{
    private static readonly AsyncLocal<Action?> Listener = new();

    /// <summary>Called by the resilience pipeline when an attempt was answered 429.</summary>
    public static void Report() => Listener.Value?.Invoke();

    /// <summary>Starts <paramref name="start"/> with <paramref name="onThrottled"/> listening for its 429s.</summary>
    internal static Task<T> Run<T>(Action onThrottled, Func<Task<T>> start)
    {
        var previous = Listener.Value;
        Listener.Value = onThrottled;
        try
        {
            return start();
        }
        finally
        {
            Listener.Value = previous;
        }
    }
}

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
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Action<string>? _log;
    private TimeSpan _lastDecrease = TimeSpan.MinValue;
    private int _current;
    private int _successes;
    private int _generation;

    public ConcurrencyControl(int max, Action<string>? log)
    {
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

    public void Throttled()
    {
        int before, after;
        lock (_gate)
        {
            var now = _clock.Elapsed;
            if (_lastDecrease != TimeSpan.MinValue && now - _lastDecrease < DecreaseInterval) return;
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
