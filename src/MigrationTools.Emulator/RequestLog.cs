using System.Collections.Concurrent;

namespace MigrationTools.Emulator;

/// <summary>Every request received (control routes included), logged as its answer starts (or when a hung one ends). Thread-safe.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedRequest> _items = new();
    private readonly object _clearGate = new();

    public int Count => _items.Count;

    public IReadOnlyList<LoggedRequest> Snapshot() => _items.ToArray();

    public int CountWhere(Func<LoggedRequest, bool> predicate) => _items.Count(predicate);

    public void Clear()
    {
        lock (_clearGate)
        {
            _items.Clear();
            Volatile.Write(ref _maxInFlight, Volatile.Read(ref _inFlight));
        }
    }

    private int _inFlight, _maxInFlight;

    /// <summary>
    /// The most API requests the emulator held at once (received, their answer not yet started) since the log was
    /// cleared: a client's concurrency seen from the server, never more than the client had in flight.
    /// </summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>API requests received whose answer has not started: a client is waiting on the emulator now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    internal void Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while ((max = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max) { }
    }

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    internal void Add(LoggedRequest r) => _items.Enqueue(r);

    internal static string Redact(string name, string value)
    {
        if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
        {
            int i = value.IndexOf("Signature=", StringComparison.OrdinalIgnoreCase);
            return i < 0 ? "[REDACTED]" : value[..(i + "Signature=".Length)] + "[REDACTED]";
        }
        if (name.Equals("X-Security-Token", StringComparison.OrdinalIgnoreCase)
            || name.Equals("X-Auth-Token", StringComparison.OrdinalIgnoreCase)
            || name.Equals("X-Metadata-Token", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            return "[REDACTED]";
        return value;
    }
}
