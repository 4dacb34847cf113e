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
