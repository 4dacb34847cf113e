using System.Diagnostics;
using System.Globalization;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Paging;

/// <summary>
/// What the caller wants of a listing: PowerShell's -First/-Skip/-IncludeTotalCount, -PageSize and -ThrottleLimit,
/// and the callbacks through which the pager talks to the user (progress and the garbage bound are the consumer's:
/// <see cref="WatchedPages"/>). Every callback is called on the thread that enumerates the listing (a cmdlet's
/// pipeline thread), never from a request's continuation.
/// </summary>
public sealed class PageOptions
{
    /// <summary>The environment variable that sets <see cref="ThrottleLimit"/> when no parameter does.</summary>
    public const string ThrottleLimitVariable = "MIGRATIONTOOLS_THROTTLE_LIMIT";

    /// <summary>
    /// Requests in flight per listing by default. Huawei's API gateway limits each user per API per second
    /// (APIG.0308 "policy user over ratelimit, limit:N, time:1 second"); DCS and DMS state per-minute limits per API
    /// in their "API flow control" pages. Four in flight is a conservative share of such a budget that leaves room
    /// for a user's other scripts, and the AIMD control lowers it on the first 429 (see docs/resilience.md).
    /// </summary>
    public const int DefaultThrottleLimit = 4;

    /// <summary>The most requests in flight a listing accepts (-ThrottleLimit's range).</summary>
    public const int MaxThrottleLimit = 64;

    /// <summary>The limit to send; null means the API's default.</summary>
    public int? PageSize { get; set; }

    /// <summary>How many records to skip (by asking for the right offset, not by fetching and discarding).</summary>
    public long Skip { get; set; }

    /// <summary>Stop after this many records; null means all.</summary>
    public long? First { get; set; }

    /// <summary>Requests in flight at most (1 = strictly one page after another); null means <see cref="DefaultThrottleLimit"/>.</summary>
    public int? ThrottleLimit { get; set; }

    /// <summary>
    /// Called once, when the first page arrives, with the service's total, or null when it gave none or gave one
    /// that cannot be right (negative, implausibly large, or smaller than the records it sent; a warning says so).
    /// </summary>
    public Action<long?>? OnTotal { get; set; }

    /// <summary>Called when paging stops for a reason the user should know (e.g. the service repeated a page).</summary>
    public Action<string>? OnWarning { get; set; }

    /// <summary>
    /// The clock of the one-second window of throttling and of the progress's delay (<see cref="ProgressReport"/>):
    /// the time since any fixed point, never going back (a stopwatch's by default; tests give their own).
    /// </summary>
    public Func<TimeSpan> Clock { get; set; } = Monotonic;

    private static TimeSpan Monotonic() => TimeSpan.FromTicks((long)(Stopwatch.GetTimestamp() * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency)));

    /// <summary>
    /// A listing with this one's throttle limit, warnings and clock, and nothing else (no range, page size or
    /// callback for the total): a part of this listing, or a list it walks first.
    /// </summary>
    public PageOptions Settings() => new()
    {
        ThrottleLimit = ThrottleLimit,
        OnWarning = OnWarning,
        Clock = Clock,
    };

    /// <summary>
    /// The number in flight: the parameter when given, else $env:MIGRATIONTOOLS_THROTTLE_LIMIT, else
    /// <see cref="DefaultThrottleLimit"/>. A variable that is not a whole number in range is an error naming it.
    /// </summary>
    public static int ResolveThrottleLimit(int? parameter, IEnvironment environment)
    {
        if (parameter.HasValue) return parameter.Value;
        var text = environment?.Get(ThrottleLimitVariable);
        if (text is null) return DefaultThrottleLimit;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= MaxThrottleLimit)
            return value;
        throw new HuaweiCloudConfigurationException("InvalidThrottleLimit", ThrottleLimitVariable,
            $"$env:{ThrottleLimitVariable} is '{text}'; it must be a whole number from 1 to {MaxThrottleLimit}.");
    }
}
