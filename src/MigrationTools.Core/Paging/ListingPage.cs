namespace MigrationTools.Core.Paging;

/// <summary>
/// One page of a listing as its consumer takes it (<see cref="PagedListing{T}.AsPages"/>): the page's new records
/// (each record of the listing is in one page only; -First has cut the last), and what the whole listing expects.
/// </summary>
public readonly struct ListingPage<T>
{
    public ListingPage(IReadOnlyList<T> records, long? expected)
    {
        Records = records ?? Array.Empty<T>();
        Expected = expected;
    }

    /// <summary>The records this page adds to the listing, in the service's order.</summary>
    public IReadOnlyList<T> Records { get; }

    /// <summary>
    /// The records the whole listing writes (the service's total less -Skip, at most -First), known from the first
    /// page on; null when the service tells no believable total, or when the listing cannot say (several parts).
    /// </summary>
    public long? Expected { get; }
}
