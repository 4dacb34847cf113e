using System;

namespace MigrationTools.Core.Http;

/// <summary>How hard a request is retried. One set of options serves every request of the module.</summary>
public sealed class RetryOptions
{
    /// <summary>The environment variable that sets <see cref="MaxRetries"/> when no parameter does.</summary>
    public const string MaxRetriesVariable = "MIGRATIONTOOLS_MAX_RETRIES";

    public const int DefaultMaxRetries = 4;

    /// <summary>Retries after the first attempt (0 = never retry).</summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>The first backoff; each next one doubles, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>No single wait is longer (a longer Retry-After is capped to this).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One attempt (send and read the answer) is abandoned after this.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A request with all its retries and waits never takes longer than this.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public static int MaxRetriesLimit => 20;
}
