using System.Collections;

namespace MigrationTools.Core.Paging;

/// <summary>
/// A listing as the core hands it up, in the manner of Azure.Core's <c>Pageable&lt;T&gt;</c>: its records, for
/// whoever only reads them (waits, completers, fan-out), and the same listing as pages with what it expects
/// (<see cref="AsPages"/>), which a cmdlet watches to show progress and bound the garbage
/// (<see cref="WatchedPages"/>). Each enumeration is a listing of its own, requesting pages as they are taken.
/// </summary>
public sealed class PagedListing<T> : IEnumerable<T>
{
    private readonly Func<IEnumerable<ListingPage<T>>> _pages;

    internal PagedListing(Func<IEnumerable<ListingPage<T>>> pages) => _pages = pages;

    /// <summary>The listing's pages, in order, each with its new records and the records the listing expects.</summary>
    public IEnumerable<ListingPage<T>> AsPages() => _pages();

    public IEnumerator<T> GetEnumerator() => Records().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<T> Records()
    {
        foreach (var page in _pages())
        {
            foreach (var record in page.Records) yield return record;
        }
    }
}
