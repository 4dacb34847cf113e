namespace MigrationTools.Core.Paging;

/// <summary>How far a listing is: records written so far of those the service announced.</summary>
public readonly struct ListingProgress
{
    public ListingProgress(long written, long total, bool completed)
    {
        Written = written;
        Total = total;
        Completed = completed;
    }

    /// <summary>Records written so far.</summary>
    public long Written { get; }

    /// <summary>Records the listing will write (the service's total, less -Skip).</summary>
    public long Total { get; }

    /// <summary>The listing is over: close the progress bar.</summary>
    public bool Completed { get; }

    /// <summary>0-100, for a progress bar.</summary>
    public int Percent => Total <= 0 ? 100 : (int)Math.Min(100, Written * 100 / Total);
}
