namespace MigrationTools.Core.Paging;

/// <summary>
/// Several listings (e.g. the tasks of each RocketMQ instance) read one after the other as one listing: -First,
/// -Skip and -IncludeTotalCount apply to the whole. Each part is still paged by <see cref="Pager"/>; a part that
/// lies entirely inside -Skip costs one request (which tells its total) and none of its records are fetched. Its
/// pages are the parts' pages; what the whole expects is not told (no part knows the others' totals).
/// </summary>
public static class ConcatenatedListing
{
    /// <param name="parts">The sources, in listing order.</param>
    /// <param name="options">-First, -Skip, -IncludeTotalCount (the sum of the parts' totals) and -PageSize.</param>
    /// <param name="list">Lists one part with the paging given (a call to a <c>ListApi</c>).</param>
    public static PagedListing<T> Enumerate<TPart, T>(IEnumerable<TPart> parts, PageOptions options, Func<TPart, PageOptions, PagedListing<T>> list)
    {
        if (parts is null) throw new ArgumentNullException(nameof(parts));
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (list is null) throw new ArgumentNullException(nameof(list));
        if (options.Skip < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Skip, "Skip cannot be negative.");
        return new PagedListing<T>(() => Pages(parts, options, list));
    }

    private static IEnumerable<ListingPage<T>> Pages<TPart, T>(IEnumerable<TPart> parts, PageOptions options, Func<TPart, PageOptions, PagedListing<T>> list)
    {
        var all = parts.ToList();
        var totals = new long?[all.Count];
        if (options.OnTotal is not null)
        {
            // The total comes before the records (PowerShell's -IncludeTotalCount): ask each part for its total alone.
            var known = true;
            long sum = 0;
            for (var i = 0; i < all.Count; i++)
            {
                long? total = null;
                foreach (var _ in list(all[i], Part(options, 0, 0, t => total = t))) { }
                totals[i] = total;
                if (total.HasValue) sum += total.Value; else known = false;
            }
            options.OnTotal(known ? sum : null);
        }

        var skip = options.Skip;
        var remaining = options.First;
        if (remaining <= 0) yield break;
        for (var i = 0; i < all.Count; i++)
        {
            if (skip > 0 && totals[i] is { } whole && skip >= whole)
            {
                skip -= whole;
                continue;
            }
            long? total = totals[i];
            long yielded = 0;
            foreach (var page in list(all[i], Part(options, skip, remaining, t => total = t)).AsPages())
            {
                yielded += page.Records.Count;
                yield return new ListingPage<T>(page.Records, null);
            }
            if (yielded > 0 || skip == 0)
                skip = 0;
            else if (total.HasValue)
                skip = Math.Max(0, skip - total.Value); // the whole part was inside -Skip
            else
            {
                // No total and nothing past the skip: count the part's records to know how much of -Skip it used.
                var count = list(all[i], Part(options, 0, null, null)).LongCount();
                skip = Math.Max(0, skip - count);
            }
            if (remaining.HasValue)
            {
                remaining -= yielded;
                if (remaining <= 0) yield break;
            }
        }
    }

    /// <summary>The paging of one part: the whole listing's settings and page size, its own range.</summary>
    private static PageOptions Part(PageOptions whole, long skip, long? first, Action<long?>? onTotal)
    {
        var part = whole.Settings();
        part.PageSize = whole.PageSize;
        part.Skip = skip;
        part.First = first;
        part.OnTotal = onTotal;
        return part;
    }
}
