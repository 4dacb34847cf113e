using System.Diagnostics;
using System.Globalization;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Paging;

/// <summary>
/// What the caller wants of a listing: PowerShell's -First/-Skip/-IncludeTotalCount, -PageSize and -ThrottleLimit,
/// and the callbacks through which the pager talks to the user. Every callback is called on the thread that
/// enumerates the listing (a cmdlet's pipeline thread), never from a request's continuation.
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
    /// How much the managed heap may grow during the listing before the pager has the youngest generation collected
    /// (<see cref="GarbageBound"/>); 0 leaves collections to the runtime alone.
    /// </summary>
    public long GarbageBudgetBytes { get; set; } = GarbageBound.DefaultBudgetBytes;

    /// <summary>
    /// Called once, when the first page arrives, with the service's total, or null when it gave none or gave one
    /// that cannot be right (negative, implausibly large, or smaller than the records it sent; a warning says so).
    /// </summary>
    public Action<long?>? OnTotal { get; set; }

    /// <summary>Called when paging stops for a reason the user should know (e.g. the service repeated a page).</summary>
    public Action<string>? OnWarning { get; set; }

    /// <summary>
    /// Called after each page of a listing that knows its total, takes longer than <see cref="ProgressDelay"/>
    /// and is not cut by -First; called once more with <see cref="ListingProgress.Completed"/> when such a listing
    /// ends (or its consumer stops), so a progress bar that was shown is closed.
    /// </summary>
    public Action<ListingProgress>? OnProgress { get; set; }

    /// <summary>How long a listing runs before it reports progress (default one second: small listings show none).</summary>
    public TimeSpan ProgressDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The clock of <see cref="ProgressDelay"/> and of the one-second window of throttling: the time since any fixed
    /// point, never going back (a stopwatch's by default; tests give their own).
    /// </summary>
    public Func<TimeSpan> Clock { get; set; } = Monotonic;

    private static TimeSpan Monotonic() => TimeSpan.FromTicks((long)(Stopwatch.GetTimestamp() * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency)));

    /// <summary>
    /// A listing with this one's throttle limit, garbage budget and warnings, and nothing else (no range, page size
    /// or callbacks for the total and progress): a part of this listing, or a list it walks first.
    /// </summary>
    public PageOptions Settings() => new()
    {
        ThrottleLimit = ThrottleLimit,
        GarbageBudgetBytes = GarbageBudgetBytes,
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
