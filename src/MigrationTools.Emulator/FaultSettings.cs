namespace MigrationTools.Emulator;

/// <summary>Fault injection for the API routes (never the /_emulator control routes). Thread-safe; rates are 0..1.
/// A request's fault is rolled from the emulator's seed, the request (method, path and query) and how many times that
/// request came since the last <see cref="Reset"/>: the same requests get the same faults however they interleave,
/// so a client's run under faults is reproducible on a loaded machine as on an idle one.</summary>
public sealed class FaultSettings
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private int _latencyMs, _retryAfterSeconds = 1, _failNext, _serverErrors;
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
            _latencyMs = 0; _retryAfterSeconds = 1; _failNext = 0; _serverErrors = 0; _throttleAt = 0; _decided = 0;
            _attempts.Clear();
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
    /// <param name="seed">The emulator's seed.</param>
    /// <param name="request">What identifies the request: its method, path and query (the same for each retry).</param>
    internal FaultDecision Decide(int seed, string request)
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
            if (_hangRate == 0 && _throttleRate == 0 && _serverErrorRate == 0 && (_malformed == MalformedKind.None || _malformedRate == 0))
                return FaultDecision.None;
            _attempts.TryGetValue(request, out var before);
            _attempts[request] = before + 1;
            var roll = new Roll(seed, request, before + 1);
            // One roll per configured kind, in a fixed order.
            if (_hangRate > 0 && roll.Next() < _hangRate) return FaultDecision.Hang;
            if (_throttleRate > 0 && roll.Next() < _throttleRate) return FaultDecision.Throttle;
            if (_serverErrorRate > 0 && roll.Next() < _serverErrorRate) return FaultDecision.ServerError;
            if (_malformed != MalformedKind.None && _malformedRate > 0 && roll.Next() < _malformedRate) return FaultDecision.Malformed;
            return FaultDecision.None;
        }
    }

    /// <summary>The next server error of the rotation (0, 1, 2, 3, 0, ...), counted from the last <see cref="Reset"/>.</summary>
    internal int NextServerError()
    {
        lock (_gate) return _serverErrors++;
    }

    /// <summary>
    /// Uniform numbers in [0, 1) drawn from the seed, the request and its attempt: FNV-1a of the three (stable across
    /// processes, unlike string hashes) as the state of a SplitMix64 generator.
    /// </summary>
    private struct Roll(int seed, string request, int attempt)
    {
        private ulong _state = Hash(seed, request, attempt);

        public double Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }

        private static ulong Hash(int seed, string request, int attempt)
        {
            const ulong prime = 1099511628211UL;
            var h = 14695981039346656037UL;
            h = (h ^ (uint)seed) * prime;
            foreach (var c in request) h = (h ^ c) * prime;
            return (h ^ (uint)attempt) * prime;
        }
    }

    private static double Clamp(double v) => double.IsNaN(v) ? 0 : Math.Clamp(v, 0, 1);
}

internal enum FaultDecision { None, Hang, Throttle, ServerError, Malformed }

/// <summary>The JSON shape of GET|PUT /_emulator/faults (property names as in FaultSettings, camelCase).</summary>
internal sealed record FaultSnapshot(
    int LatencyMs, double ThrottleRate, RetryAfterMode ThrottleRetryAfter, int RetryAfterSeconds,
    double ServerErrorRate, double HangRate, MalformedKind Malformed, double MalformedRate, int FailNextRequests);
