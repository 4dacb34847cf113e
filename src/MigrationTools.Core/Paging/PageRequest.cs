namespace MigrationTools.Core.Paging;

/// <summary>One request of a listing: where and how many, its cancellation, and whom to tell of its 429s.</summary>
public readonly struct PageRequest
{
    public PageRequest(long offset, int limit, Action? onThrottled, CancellationToken cancellation)
    {
        Offset = offset;
        Limit = limit;
        Cancellation = cancellation;
        OnThrottled = onThrottled;
    }

    /// <summary>The value of the offset parameter (a record offset or a page number, as the paging rule says).</summary>
    public long Offset { get; }

    public int Limit { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>
    /// To be called for each attempt of this request the gateway throttled (429), e.g. as
    /// <see cref="Http.ApiRequest.OnThrottled"/>: the listing lowers its number in flight. Null when nobody listens.
    /// </summary>
    public Action? OnThrottled { get; }
}
