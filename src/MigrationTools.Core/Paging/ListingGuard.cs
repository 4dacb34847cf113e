using System.Globalization;

namespace MigrationTools.Core.Paging;

/// <summary>
/// The pager's own termination, whatever the service sends: a total that cannot be right is not believed, a record
/// already written is never written again, a page with nothing new ends the listing, the requests are bounded, and
/// a listing that ends short of its total says so. Every stop the user should know of is a warning, said once.
/// </summary>
internal sealed class ListingGuard<T>
{
    private readonly PagingRule _rule;
    private readonly Func<T, string?>? _keyOf;
    private readonly Action<string>? _warn;
    // The keys written so far, as 128-bit hashes: about 30 bytes a record with the set's own overhead, however
    // long its id (3-6 MB for 100,000 records, as the set grows), and no string kept alive per record.
    private readonly HashSet<(ulong, ulong)> _seen = new();

    public ListingGuard(PagingRule rule, Func<T, string?>? keyOf, Action<string>? warn)
    {
        _rule = rule;
        _keyOf = keyOf;
        _warn = warn;
    }

    /// <summary>Records written so far (counted by <see cref="Written"/>).</summary>
    public long WrittenCount { get; private set; }

    /// <summary>Whether a warning ended the listing.</summary>
    public bool Stopped { get; private set; }

    /// <summary>A page's records went out.</summary>
    public void Written(int count) => WrittenCount += count;

    /// <summary>The total as reported to the user: null (with a warning) when it cannot be right.</summary>
    /// <param name="firstRecord">The index of the first record the first page brings after -Skip.</param>
    /// <param name="count">The records it brings after -Skip.</param>
    public long? Believable(long? total, long firstRecord, int count)
    {
        if (total is not { } t) return null;
        string? why = t < 0 ? "is negative"
            : t > Pager.MaxPlausibleTotal ? $"is more than {Pager.MaxPlausibleTotal.ToString("N0", CultureInfo.InvariantCulture)}"
            : count > 0 && t < firstRecord + count ? $"is smaller than the {firstRecord + count} record(s) its first page reaches"
            : null;
        if (why is null) return t;
        _warn?.Invoke($"The service reported a total of {t} record(s), which {why}: the total is treated as unknown.");
        return null;
    }

    /// <summary>
    /// The records of a page not written before (nulls and repeats dropped), from index <paramref name="from"/>;
    /// null when the page brought only records already sent: paging stops, with a warning.
    /// </summary>
    public List<T>? Fresh(IReadOnlyList<T> items, int from, long offset)
    {
        var fresh = new List<T>(items.Count);
        for (var i = from; i < items.Count; i++)
        {
            var item = items[i];
            if (item is null) continue;
            var key = _keyOf?.Invoke(item);
            if (key is null || _seen.Add(Hash(key))) fresh.Add(item);
        }
        if (fresh.Count > 0 || items.Count - from <= 0) return fresh;
        return Stop($"The service answered {_rule.OffsetParameter}={offset} with only records it had already sent; stopped paging so that none is written twice ({WrittenCount} record(s) written).");
    }

    /// <summary>Whether a next request at <paramref name="next"/> moves past <paramref name="offset"/>; a warning when not.</summary>
    public bool Advances(long next, long offset)
    {
        if (next > offset) return true;
        Stop($"The next {_rule.OffsetParameter} ({next}) does not advance past {offset}; stopped paging.");
        return false;
    }

    /// <summary>Whether one more request is within the plan's budget; a warning when not.</summary>
    /// <param name="requests">Requests made so far.</param>
    /// <param name="pending">Records of the current page not yet counted as written.</param>
    public bool WithinBudget(long requests, ListingPlan plan, int pending)
    {
        if (requests < plan.Budget) return true;
        Stop(plan.Total.HasValue
            ? $"Stopped after {requests} requests, the most a listing of {plan.Total.Value} record(s) at {plan.Limit} per page can need; {WrittenCount + pending} record(s) written."
            : $"Stopped after {requests} requests, the most the module makes for a listing whose service gives no total; {WrittenCount + pending} record(s) written.");
        return false;
    }

    /// <summary>The listing is over: short of what the service announced, and stopped by no warning, says so.</summary>
    public void Ended(long? expected)
    {
        if (!Stopped && expected.HasValue && WrittenCount < expected.Value)
            _warn?.Invoke($"The listing ended after {WrittenCount} of the {expected.Value} record(s) the service announced; records may have been deleted meanwhile, or the service skipped some.");
    }

    private List<T>? Stop(string message)
    {
        _warn?.Invoke(message);
        Stopped = true;
        return null;
    }

    /// <summary>Two FNV-1a 64-bit hashes with different bases: a 128-bit key whose accidental collision is negligible.</summary>
    private static (ulong, ulong) Hash(string key)
    {
        const ulong prime = 1099511628211UL;
        ulong a = 14695981039346656037UL, b = 0x6c62272e07bb0142UL;
        foreach (var c in key)
        {
            a = (a ^ c) * prime;
            b = (b ^ (c + 0x9e37UL)) * prime;
            b ^= b >> 29;
        }
        return (a, b);
    }
}
