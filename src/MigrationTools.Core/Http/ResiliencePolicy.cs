using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MigrationTools.Core.Http;

/// <summary>
/// The one resilience pipeline every request goes through (Polly): an overall cap, retries with exponential
/// backoff and jitter on throttling (429), 502/503/504 and network failures, honouring Retry-After, and a
/// per-attempt timeout. 400, 401, 403 and 404 are never retried: five bad signatures lock an AK for five minutes.
/// </summary>
internal static class ResiliencePolicy
{
    public static readonly ResiliencePropertyKey<string> OperationKey = new("MigrationTools.Operation");

    /// <summary>How many retries a request used, so a final failure can say that it was retried.</summary>
    public static readonly ResiliencePropertyKey<int> RetriesKey = new("MigrationTools.Retries");

    /// <summary>The request's <see cref="ApiRequest.OnThrottled"/>, told of each 429 before its retry.</summary>
    public static readonly ResiliencePropertyKey<Action?> ThrottledKey = new("MigrationTools.Throttled");

    public static ResiliencePipeline<HttpResponseMessage> Build(RetryOptions options, IOperationHost host)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, options.MaxDelay)),
                OnRetry = args =>
                {
                    var operation = args.Context.Properties.GetValue(OperationKey, "request");
                    args.Context.Properties.Set(RetriesKey, args.AttemptNumber + 1);
                    // A listing lowers its number in flight on throttling (AIMD, in the pager).
                    if (args.Outcome.Result is { StatusCode: (HttpStatusCode)429 }) args.Context.Properties.GetValue(ThrottledKey, null)?.Invoke();
                    host.Log(LogLevel.Verbose, $"{operation}: {Describe(args.Outcome)}; retry {args.AttemptNumber + 1} of {options.MaxRetries} in {args.RetryDelay.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s.");
                    return default;
                },
            });
        }
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
            return outcome.Exception is HttpRequestException or TimeoutRejectedException or System.IO.IOException;
        var status = (int)outcome.Result!.StatusCode;
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /// <summary>Retry-After in seconds or as an HTTP date; null lets the exponential backoff decide.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null) return null;
        TimeSpan? wait = header.Delta ?? (header.Date.HasValue ? header.Date.Value - DateTimeOffset.UtcNow : null);
        if (wait is null) return null;
        if (wait < TimeSpan.Zero) return TimeSpan.Zero;
        return wait > max ? max : wait;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is TimeoutRejectedException t) return $"no answer within {t.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
        if (outcome.Exception is not null) return outcome.Exception.GetType().Name + ": " + outcome.Exception.Message;
        var response = outcome.Result!;
        string? code = null;
        try
        {
            var body = response.Content?.ReadAsStringAsync().GetAwaiter().GetResult(); // buffered inside the attempt
            if (body is not null) code = ServiceErrorParser.ErrorCodeOf(body);
        }
        catch (Exception) { /* the code is only decoration for the log line */ }
        var retryAfter = response.Headers.RetryAfter is null ? "" : $", Retry-After {response.Headers.RetryAfter}";
        return $"HTTP {(int)response.StatusCode}{(code is null ? "" : " " + code)}{retryAfter}";
    }
}
