namespace MigrationTools.Core.Paging;

/// <summary>
/// One API's paging rule, stated in one place: what <c>offset</c> means, the name of its parameters, and the
/// range the service accepts for <c>limit</c>.
/// </summary>
public sealed class PagingRule
{
    public PagingRule(OffsetKind kind, int minLimit, int maxLimit, int defaultLimit, string offsetParameter = "offset", string limitParameter = "limit",
        bool limitDocumented = true)
    {
        if (minLimit < 1 || maxLimit < minLimit || defaultLimit < minLimit || defaultLimit > maxLimit)
            throw new ArgumentOutOfRangeException(nameof(defaultLimit), "The limits of a paging rule are inconsistent.");
        Kind = kind;
        MinLimit = minLimit;
        MaxLimit = maxLimit;
        DefaultLimit = defaultLimit;
        OffsetParameter = offsetParameter;
        LimitParameter = limitParameter;
        LimitDocumented = limitDocumented;
    }

    public OffsetKind Kind { get; }
    public int MinLimit { get; }
    public int MaxLimit { get; }

    /// <summary>The page size the module asks for when the user gives none (chosen from measurements: docs/resilience.md, "Paging").</summary>
    public int DefaultLimit { get; }
    public string OffsetParameter { get; }
    public string LimitParameter { get; }

    /// <summary>False when the API page gives no range for limit and the module assumes one (the help says so).</summary>
    public bool LimitDocumented { get; }

    /// <summary>The value of the offset parameter for the page that starts at record <paramref name="recordIndex"/>.</summary>
    internal long OffsetFor(long recordIndex, int limit) =>
        Kind == OffsetKind.RecordOffset ? recordIndex : recordIndex / limit + 1;

    /// <summary>The index of the first record of the page that a request with this offset returns.</summary>
    internal long FirstRecordOf(long offset, int limit) =>
        Kind == OffsetKind.RecordOffset ? offset : (offset - 1) * limit;
}
