namespace MigrationTools.Core.Paging;

/// <summary>
/// What a cmdlet applies around the pages of one listing it writes: after each page, the garbage bound and the
/// progress report; when the listing ends or the consumer stops (Select-Object -First), the progress closed. The
/// listing itself (<see cref="Pager"/>) only fetches pages, keeps each record once and stops.
/// </summary>
public static class WatchedPages
{
    /// <summary>The records of <paramref name="pages"/>, one at a time, watched (either watcher may be null: none).</summary>
    public static IEnumerable<T> Records<T>(IEnumerable<ListingPage<T>> pages, ProgressReport? progress, GarbageBound? garbage)
    {
        if (pages is null) throw new ArgumentNullException(nameof(pages));
        return Watch(pages, progress, garbage);
    }

    private static IEnumerable<T> Watch<T>(IEnumerable<ListingPage<T>> pages, ProgressReport? progress, GarbageBound? garbage)
    {
        long written = 0;
        long? expected = null;
        try
        {
            foreach (var page in pages)
            {
                expected = page.Expected;
                foreach (var record in page.Records)
                {
                    written++;
                    yield return record;
                }
                garbage?.AfterPage();
                progress?.AfterPage(written, expected);
            }
        }
        finally
        {
            progress?.Close(written, expected);
        }
    }
}
