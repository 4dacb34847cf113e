using System;
using System.Collections.Generic;

namespace MigrationTools.Core.Paging;

/// <summary>One page as the pager needs it: its records, and the service's total when it sends one.</summary>
public readonly struct Page<T>
{
    public Page(IReadOnlyList<T>? items, long? total)
    {
        Items = items ?? Array.Empty<T>();
        Total = total;
    }

    public IReadOnlyList<T> Items { get; }
    public long? Total { get; }
}

/// <summary>
/// Streams every record of a paged API: each page is requested only when the previous one is used up, so a
/// consumer that stops early (-First, Select-Object -First) stops the requests too.
/// </summary>
public static class Pager
{
    /// <param name="rule">The API's paging rule.</param>
    /// <param name="options">-First, -Skip, -PageSize, and the total callback.</param>
    /// <param name="fetch">Requests one page: (offset parameter value, limit) → page.</param>
    /// <param name="keyOf">A record's identity, to notice a service that ignores the offset and repeats a page.</param>
    public static IEnumerable<T> Enumerate<T>(PagingRule rule, PageOptions options, Func<long, int, Page<T>> fetch, Func<T, string?>? keyOf = null)
    {
        if (rule is null) throw new ArgumentNullException(nameof(rule));
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (fetch is null) throw new ArgumentNullException(nameof(fetch));
        var pageSize = options.PageSize ?? rule.DefaultLimit;
        if (pageSize < rule.MinLimit || pageSize > rule.MaxLimit)
            throw new ArgumentOutOfRangeException(nameof(options), pageSize, $"The page size must be between {rule.MinLimit} and {rule.MaxLimit}.");
        if (options.Skip < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Skip, "Skip cannot be negative.");
        return Iterate(rule, options, pageSize, fetch, keyOf);
    }

    private static IEnumerable<T> Iterate<T>(PagingRule rule, PageOptions options, int pageSize, Func<long, int, Page<T>> fetch, Func<T, string?>? keyOf)
    {
        var remaining = options.First;
        if (remaining <= 0)
        {
            // -First 0 -IncludeTotalCount: the smallest request that tells the total, and no records.
            if (options.OnTotal is not null) options.OnTotal(fetch(rule.OffsetFor(0, rule.MinLimit), rule.MinLimit).Total);
            yield break;
        }

        // With -First smaller than a page, ask for no more than is needed. Page numbers only stay meaningful with
        // one limit for the whole listing, so that limit is chosen once.
        var limit = pageSize;
        if (remaining.HasValue && remaining.Value < limit) limit = (int)Math.Max(rule.MinLimit, remaining.Value);

        var next = options.Skip;                 // index of the next record we want
        var offset = rule.OffsetFor(next, limit);
        var discard = (int)(next - rule.FirstRecordOf(offset, limit)); // page numbers: records before Skip on the first page
        var firstPage = true;
        string? previousFirstKey = null;

        while (true)
        {
            var page = fetch(offset, limit);
            if (firstPage)
            {
                options.OnTotal?.Invoke(page.Total);
                firstPage = false;
            }

            var items = page.Items;
            if (items.Count == 0) yield break;

            if (keyOf is not null)
            {
                var firstKey = keyOf(items[0]);
                if (firstKey is not null && firstKey == previousFirstKey)
                {
                    options.OnWarning?.Invoke($"The service answered offset {offset} with the same records as the page before; stopped paging to avoid repeating them.");
                    yield break;
                }
                previousFirstKey = firstKey;
            }

            for (var i = discard; i < items.Count; i++)
            {
                yield return items[i];
                if (remaining.HasValue && --remaining <= 0) yield break;
            }
            discard = 0;

            var consumed = rule.FirstRecordOf(offset, limit) + items.Count;
            if (page.Total.HasValue && consumed >= page.Total.Value) yield break;

            long nextOffset;
            if (rule.Kind == OffsetKind.RecordOffset)
            {
                nextOffset = offset + items.Count;
                if (remaining.HasValue && remaining.Value < limit) limit = (int)Math.Max(rule.MinLimit, remaining.Value);
            }
            else
            {
                nextOffset = offset + 1;
            }

            if (nextOffset <= offset)
            {
                options.OnWarning?.Invoke($"The next offset ({nextOffset}) does not advance past {offset}; stopped paging.");
                yield break;
            }
            offset = nextOffset;
        }
    }
}
