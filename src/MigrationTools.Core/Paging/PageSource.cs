namespace MigrationTools.Core.Paging;

/// <summary>How the pager gets pages: requests them (asynchronously, cancellably) and blocks on one.</summary>
public sealed class PageSource<T>
{
    /// <param name="fetchAsync">Requests one page. Called from any thread.</param>
    /// <param name="wait">Blocks the enumerating thread until the page is there (a cmdlet's host writes queued log lines meanwhile).</param>
    /// <param name="cancellation">Ctrl+C: ends every request of the listing.</param>
    /// <param name="log">-Verbose lines (changes of the number in flight); may be called from any thread.</param>
    public PageSource(Func<PageRequest, Task<Page<T>>> fetchAsync, Func<Task<Page<T>>, Page<T>> wait,
        Action<string>? log = null, CancellationToken cancellation = default)
    {
        FetchAsync = fetchAsync ?? throw new ArgumentNullException(nameof(fetchAsync));
        Wait = wait ?? throw new ArgumentNullException(nameof(wait));
        Cancellation = cancellation;
        Log = log;
    }

    /// <summary>A source whose requests take no throttle signal: (offset parameter value, limit, cancellation) → page.</summary>
    public PageSource(Func<long, int, CancellationToken, Task<Page<T>>> fetchAsync, Func<Task<Page<T>>, Page<T>> wait,
        Action<string>? log = null, CancellationToken cancellation = default)
        : this(Adapt(fetchAsync), wait, log, cancellation)
    {
    }

    private static Func<PageRequest, Task<Page<T>>> Adapt(Func<long, int, CancellationToken, Task<Page<T>>> fetchAsync)
    {
        if (fetchAsync is null) throw new ArgumentNullException(nameof(fetchAsync));
        return request => fetchAsync(request.Offset, request.Limit, request.Cancellation);
    }

    public Func<PageRequest, Task<Page<T>>> FetchAsync { get; }
    public Func<Task<Page<T>>, Page<T>> Wait { get; }
    public CancellationToken Cancellation { get; }
    public Action<string>? Log { get; }
}
