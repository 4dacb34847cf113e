namespace MigrationTools.Core.Paging;

/// <summary>
/// The arithmetic of one listing, with no I/O, clock or state beyond what the pages told it: the first request
/// (-First, -Skip and -PageSize by the API's paging rule), what the first page teaches (the total, the service's own
/// page size), the most requests the listing may make, whether a page is the last, the next request of a listing
/// read one page after another, and the slots of one read concurrently.
/// </summary>
internal sealed class ListingPlan
{
    public ListingPlan(PagingRule rule, int pageSize, long skip, long? first)
    {
        Rule = rule ?? throw new ArgumentNullException(nameof(rule));
        Skip = skip;
        First = first;
        // With -First smaller than a page, ask for no more than is needed. Page numbers only stay meaningful with one
        // limit for the whole listing, so that limit is chosen once.
        Limit = first.HasValue && first.Value < pageSize ? (int)Math.Max(rule.MinLimit, first.Value) : pageSize;
        FirstLimit = Limit;
        FirstOffset = rule.OffsetFor(skip, Limit);
        FirstRecord = rule.FirstRecordOf(FirstOffset, Limit);
        Discard = (int)(skip - FirstRecord);
    }

    public PagingRule Rule { get; }
    public long Skip { get; }
    public long? First { get; }

    /// <summary>The offset parameter of the first request.</summary>
    public long FirstOffset { get; }

    /// <summary>The limit of the first request.</summary>
    public int FirstLimit { get; }

    /// <summary>The index of the first record the first request brings.</summary>
    public long FirstRecord { get; }

    /// <summary>Records of the first page before -Skip (page numbers: -Skip that is not a whole number of pages).</summary>
    public int Discard { get; }

    /// <summary>The limit of the pages after the first (the service's own page size once a cap is seen).</summary>
    public int Limit { get; private set; }

    /// <summary>The service's total as believed (null: unknown).</summary>
    public long? Total { get; private set; }

    /// <summary>The records the listing will write when the total is known: the total less -Skip, at most -First.</summary>
    public long? Expected { get; private set; }

    /// <summary>The most requests the listing makes: a known total's pages and as many again for pages sent short.</summary>
    public long Budget { get; private set; } = Pager.MaxRequestsWithoutTotal;

    /// <summary>
    /// Learns from the first page: its <paramref name="total"/> (as believed) and its <paramref name="count"/> of records.
    /// True when the page shows the service's own largest page (a cap below the limit): the rest of the listing
    /// asks for pages of that size, so that each comes back whole (concurrent pages would leave a gap after each,
    /// filled one request after another), and the budget counts them. Page numbers only from page 1, the one page
    /// both sides number alike; after -Skip the listing keeps the limit it asked with.
    /// </summary>
    public bool LearnFromFirstPage(long? total, int count)
    {
        Total = total;
        if (total.HasValue)
        {
            var left = Math.Max(0, total.Value - Skip);
            Expected = First.HasValue ? Math.Min(left, First.Value) : left;
        }
        var capped = total.HasValue && count >= Rule.MinLimit && count < FirstLimit && FirstRecord + count < total.Value &&
            (Rule.Kind == OffsetKind.RecordOffset || FirstOffset == Rule.OffsetFor(0, FirstLimit));
        if (capped) Limit = count;
        Budget = total.HasValue
            ? 2 * ((Math.Max(0, total.Value - FirstRecord) + Limit - 1) / Limit) + 1
            : Pager.MaxRequestsWithoutTotal;
        return capped;
    }

    /// <summary>
    /// Whether the listing goes on after the page asked at (<paramref name="offset"/>, <paramref name="limit"/>) that
    /// brought <paramref name="count"/> records: -First is not used up and the total, when known, is not reached.
    /// </summary>
    public bool HasMoreAfter(long offset, int limit, int count, long? remainingAfter) =>
        !(remainingAfter <= 0) && !(Total.HasValue && Rule.FirstRecordOf(offset, limit) + count >= Total.Value);

    /// <summary>The index one past the last record of the page asked at (<paramref name="offset"/>, <paramref name="limit"/>).</summary>
    public long EndRecord(long offset, int limit, int count) => Rule.FirstRecordOf(offset, limit) + count;

    /// <summary>
    /// The request after a page that brought <paramref name="count"/> records at <paramref name="offset"/>, one page
    /// after another: the next offset, and for -First's last page (record offsets) only what is left.
    /// </summary>
    public (long Offset, int Limit) NextInOrder(long offset, int count, long? remainingAfter)
    {
        var nextOffset = Rule.Kind == OffsetKind.RecordOffset ? offset + count : offset + 1;
        var nextLimit = Limit;
        if (Rule.Kind == OffsetKind.RecordOffset && remainingAfter.HasValue && remainingAfter.Value < nextLimit)
            nextLimit = (int)Math.Max(Rule.MinLimit, remainingAfter.Value);
        return (nextOffset, nextLimit);
    }

    /// <summary>A listing read one page after another moves on to a page asked with <paramref name="limit"/>.</summary>
    public void MovedTo(int limit) => Limit = limit;

    /// <summary>
    /// A slot read concurrently came back short before the total (record offsets): the rest of its range, asked
    /// before the next slot. Null when there is no gap to fill (page numbers cannot ask for part of a page).
    /// </summary>
    public (long Offset, int Limit)? Gap(long offset, int limit, int count) =>
        Rule.Kind == OffsetKind.RecordOffset && count < limit ? (offset + count, limit - count) : null;

    /// <summary>
    /// The pages after the first, once the total is known and the first page (which ended at record
    /// <paramref name="endRecord"/>, asked at <paramref name="offset"/>) is used up, up to the total or -First's end.
    /// </summary>
    public Slots SlotsAfter(long offset, long endRecord, long? remaining)
    {
        if (Total is not { } end) throw new InvalidOperationException("Slots are planned from a known total.");
        if (remaining.HasValue) end = Math.Min(end, endRecord + remaining.Value);
        return Rule.Kind == OffsetKind.RecordOffset
            ? new Slots(endRecord, end, Limit, pageNumbers: false)
            : new Slots(offset + 1, end, Limit, pageNumbers: true);
    }

    /// <summary>The requests of a listing read concurrently: slot j is one request, of <see cref="Count"/>.</summary>
    internal readonly struct Slots
    {
        private readonly long _start;
        private readonly long _endRecord;
        private readonly int _limit;
        private readonly bool _pageNumbers;

        /// <param name="start">Record offsets: the first record of the first slot; page numbers: its page.</param>
        /// <param name="endRecord">The record index the listing stops at (the total, or -First's end).</param>
        public Slots(long start, long endRecord, int limit, bool pageNumbers)
        {
            _start = start;
            _endRecord = endRecord;
            _limit = limit;
            _pageNumbers = pageNumbers;
            var first = pageNumbers ? (start - 1) * limit : start;
            Count = first >= endRecord ? 0 : (endRecord - first + limit - 1) / limit;
        }

        public long Count { get; }

        /// <summary>The offset and limit of slot <paramref name="j"/>.</summary>
        public (long Offset, int Limit) At(long j)
        {
            if (_pageNumbers) return (_start + j, _limit);
            var offset = _start + j * _limit;
            return (offset, (int)Math.Min(_limit, _endRecord - offset));
        }
    }
}
