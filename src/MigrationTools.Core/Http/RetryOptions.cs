namespace MigrationTools.Core.Http;

/// <summary>
/// How hard a request is retried. One set of options serves every request of the module.
/// Defaults: 4 retries (5 attempts), backoff 0.5 s doubling with jitter, no single wait over 30 s,
/// 30 s per attempt, 3 minutes per request with all its retries.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>The environment variable that sets <see cref="MaxRetries"/> when no parameter does.</summary>
    public const string MaxRetriesVariable = "MIGRATIONTOOLS_MAX_RETRIES";

    /// <summary>
    /// The environment variable that sets <see cref="BaseDelay"/> in milliseconds (0 to 60000). Meant for tests and
    /// for runbooks that must fail fast; the default suits the services' throttling windows (one second).
    /// </summary>
    public const string BaseDelayVariable = "MIGRATIONTOOLS_RETRY_BASE_DELAY_MS";

    public const int DefaultMaxRetries = 4;

    public const int MaxBaseDelayMilliseconds = 60_000;

    /// <summary>Retries after the first attempt (0 = never retry).</summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>The first backoff; each next one doubles, with jitter. A Retry-After header overrides it.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>No single wait is longer (a longer Retry-After is capped to this).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One attempt (send and read the answer) is abandoned after this.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A request with all its retries and waits never takes longer than this.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public static int MaxRetriesLimit => 20;

    /// <summary>
    /// Whether a key pair the gateway refused once may be sent once more (commands: the cause may have been fixed);
    /// false for tab completion, which never sends with a refused pair.
    /// </summary>
    public bool ResendRefusedSignature { get; set; } = true;
}
