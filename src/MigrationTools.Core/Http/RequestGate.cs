namespace MigrationTools.Core.Http;

/// <summary>
/// The bound on requests in flight for a whole command that lists several targets (profiles, regions, projects):
/// every client of the command shares one gate, while each listing keeps its own -ThrottleLimit and its own
/// backoff on 429 below it. A request holds its place through its retries, so a throttled endpoint does not
/// make room for more requests to the gateways.
/// </summary>
public sealed class RequestGate : IDisposable
{
    /// <summary>The environment variable that sets the bound when no parameter does.</summary>
    public const string Variable = "MIGRATIONTOOLS_TOTAL_THROTTLE_LIMIT";

    /// <summary>Requests in flight for a whole command by default: four targets at their default -ThrottleLimit of 4.</summary>
    public const int DefaultLimit = 16;

    /// <summary>The largest bound accepted.</summary>
    public const int MaxLimit = 256;

    private readonly SemaphoreSlim _slots;

    public RequestGate(int limit)
    {
        if (limit < 1 || limit > MaxLimit) throw new ArgumentOutOfRangeException(nameof(limit), limit, $"The bound must be between 1 and {MaxLimit}.");
        Limit = limit;
        _slots = new SemaphoreSlim(limit, limit);
    }

    public int Limit { get; }

    /// <summary>Runs <paramref name="send"/> once a place is free.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> send, CancellationToken cancellationToken)
    {
        if (send is null) throw new ArgumentNullException(nameof(send));
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await send().ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// The bound: the parameter when given, else $env:MIGRATIONTOOLS_TOTAL_THROTTLE_LIMIT, else
    /// <see cref="DefaultLimit"/>. A variable that is not a whole number in range is an error naming it.
    /// </summary>
    public static int Resolve(int? parameter, Connection.IEnvironment environment)
    {
        if (parameter.HasValue) return parameter.Value;
        var text = environment?.Get(Variable);
        if (text is null) return DefaultLimit;
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= MaxLimit)
            return value;
        throw new Errors.HuaweiCloudConfigurationException("InvalidTotalThrottleLimit", Variable,
            $"$env:{Variable} is '{text}'; it must be a whole number from 1 to {MaxLimit}.");
    }

    public void Dispose() => _slots.Dispose();
}
