using System.Text.Json.Serialization;

namespace MigrationTools.Emulator;

[JsonConverter(typeof(JsonStringEnumConverter<RetryAfterMode>))]
public enum RetryAfterMode { None, Seconds, HttpDate }

[JsonConverter(typeof(JsonStringEnumConverter<MalformedKind>))]
public enum MalformedKind
{
    None,
    /// <summary>A proxy's HTML error page: status 502, text/html.</summary>
    Html,
    /// <summary>Status 200 with the JSON body cut in half.</summary>
    Truncated,
    /// <summary>Status 200 with a field of the wrong JSON type ("count":"abc", or the list as an object).</summary>
    WrongType,
    /// <summary>Status 200 with an empty body.</summary>
    Empty200,
}

/// <summary>Fault injection for the API routes (never the /_emulator control routes). Thread-safe; rates are 0..1,
/// rolled per request with a seeded RNG.</summary>
public sealed class FaultSettings
{
    private readonly object _gate = new();
    private int _latencyMs, _retryAfterSeconds = 1, _failNext;
    private double _throttleRate, _serverErrorRate, _hangRate, _malformedRate;
    private RetryAfterMode _retryAfter;
    private MalformedKind _malformed;

    public int LatencyMs { get { lock (_gate) return _latencyMs; } set { lock (_gate) _latencyMs = Math.Max(0, value); } }
    /// <summary>Share of requests answered 429 APIG.0308.</summary>
    public double ThrottleRate { get { lock (_gate) return _throttleRate; } set { lock (_gate) _throttleRate = Clamp(value); } }
    public RetryAfterMode ThrottleRetryAfter { get { lock (_gate) return _retryAfter; } set { lock (_gate) _retryAfter = value; } }
    public int RetryAfterSeconds { get { lock (_gate) return _retryAfterSeconds; } set { lock (_gate) _retryAfterSeconds = Math.Max(0, value); } }
    /// <summary>Share of requests answered 503, 502 or 504 in rotation, with a JSON or a plain-text body.</summary>
    public double ServerErrorRate { get { lock (_gate) return _serverErrorRate; } set { lock (_gate) _serverErrorRate = Clamp(value); } }
    /// <summary>Share of requests never answered (until the client gives up or the host stops).</summary>
    public double HangRate { get { lock (_gate) return _hangRate; } set { lock (_gate) _hangRate = Clamp(value); } }
    public MalformedKind Malformed { get { lock (_gate) return _malformed; } set { lock (_gate) _malformed = value; } }
    public double MalformedRate { get { lock (_gate) return _malformedRate; } set { lock (_gate) _malformedRate = Clamp(value); } }
    /// <summary>The next N API requests get the configured fault deterministically: the first configured of throttle,
    /// server error, malformed, hang (a server error when none is configured).</summary>
    public int FailNextRequests { get { lock (_gate) return _failNext; } set { lock (_gate) _failNext = Math.Max(0, value); } }

    private int _throttleAt, _decided;
    /// <summary>When N &gt; 0: the Nth API request from now is answered 429 APIG.0308, once, whatever the rates (0: off).</summary>
    public int ThrottleOnceAtRequest { get { lock (_gate) return _throttleAt; } set { lock (_gate) { _throttleAt = Math.Max(0, value); _decided = 0; } } }

    public void Reset()
    {
        lock (_gate)
        {
            _latencyMs = 0; _retryAfterSeconds = 1; _failNext = 0; _throttleAt = 0; _decided = 0;
            _throttleRate = _serverErrorRate = _hangRate = _malformedRate = 0;
            _retryAfter = RetryAfterMode.None; _malformed = MalformedKind.None;
        }
    }

    internal void CopyFrom(FaultSettings other)
    {
        var s = other.Snapshot();
        lock (_gate)
        {
            _latencyMs = s.LatencyMs; _throttleRate = s.ThrottleRate; _retryAfter = s.ThrottleRetryAfter;
            _retryAfterSeconds = s.RetryAfterSeconds; _serverErrorRate = s.ServerErrorRate; _hangRate = s.HangRate;
            _malformed = s.Malformed; _malformedRate = s.MalformedRate; _failNext = s.FailNextRequests;
        }
    }

    internal FaultSnapshot Snapshot()
    {
        lock (_gate)
            return new FaultSnapshot(_latencyMs, _throttleRate, _retryAfter, _retryAfterSeconds, _serverErrorRate,
                _hangRate, _malformed, _malformedRate, _failNext);
    }

    /// <summary>Decides the fault of one API request (and consumes one FailNextRequests unit when one is pending).</summary>
    internal FaultDecision Decide(Random rng)
    {
        lock (_gate)
        {
            if (_throttleAt > 0 && ++_decided == _throttleAt)
            {
                _throttleAt = 0;
                return FaultDecision.Throttle;
            }
            if (_failNext > 0)
            {
                _failNext--;
                if (_throttleRate > 0) return FaultDecision.Throttle;
                if (_serverErrorRate > 0) return FaultDecision.ServerError;
                if (_malformed != MalformedKind.None) return FaultDecision.Malformed;
                if (_hangRate > 0) return FaultDecision.Hang;
                return FaultDecision.ServerError;
            }
            // One roll per configured kind, in a fixed order, so a seed gives a reproducible sequence.
            if (_hangRate > 0 && rng.NextDouble() < _hangRate) return FaultDecision.Hang;
            if (_throttleRate > 0 && rng.NextDouble() < _throttleRate) return FaultDecision.Throttle;
            if (_serverErrorRate > 0 && rng.NextDouble() < _serverErrorRate) return FaultDecision.ServerError;
            if (_malformed != MalformedKind.None && _malformedRate > 0 && rng.NextDouble() < _malformedRate) return FaultDecision.Malformed;
            return FaultDecision.None;
        }
    }

    private static double Clamp(double v) => double.IsNaN(v) ? 0 : Math.Clamp(v, 0, 1);
}

internal enum FaultDecision { None, Hang, Throttle, ServerError, Malformed }

/// <summary>The JSON shape of GET|PUT /_emulator/faults (property names as in FaultSettings, camelCase).</summary>
internal sealed record FaultSnapshot(
    int LatencyMs, double ThrottleRate, RetryAfterMode ThrottleRetryAfter, int RetryAfterSeconds,
    double ServerErrorRate, double HangRate, MalformedKind Malformed, double MalformedRate, int FailNextRequests);
