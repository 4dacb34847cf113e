using MigrationTools.Core.Paging;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>
/// What a cmdlet applies around a listing's pages (<see cref="WatchedPages"/>): the progress report (after each page
/// of a long listing that knows its total and is not cut by -First, closed when it ends or its consumer stops), the
/// garbage bound; and the pages themselves (<see cref="PagedListing{T}.AsPages"/>) as the pager hands them up.
/// </summary>
public sealed class WatchedPagesTests
{
    private static readonly PagingRule Records = new(OffsetKind.RecordOffset, 1, 1000, 10);

    /// <summary>A listing of <paramref name="svc"/> as a cmdlet writes it, its progress into <paramref name="progress"/>.</summary>
    private static IEnumerable<int> Watched(SlowService svc, PageOptions options, List<ListingProgress> progress, TimeSpan? delay = null) =>
        WatchedPages.Records(Pager.Enumerate(Records, options, svc.Source(), i => i.ToString()).AsPages(),
            ProgressReport.For(options, progress.Add, delay), garbage: null);

    [Fact]
    public void A_long_listing_reports_progress_and_closes_it()
    {
        var progress = new List<ListingProgress>();
        var got = Watched(new SlowService(55, Records, maxLatencyMs: 0), new PageOptions { Skip = 5 }, progress, TimeSpan.Zero).ToList();
        Assert.Equal(50, got.Count);
        Assert.Equal(new long[] { 10, 20, 30, 40, 50, 50 }, progress.Select(p => p.Written));
        Assert.All(progress, p => Assert.Equal(50, p.Total));
        Assert.Equal(new[] { false, false, false, false, false, true }, progress.Select(p => p.Completed));
    }

    [Fact]
    public void Short_first_limited_or_total_less_listings_report_no_progress()
    {
        var progress = new List<ListingProgress>();
        var clock = new ManualClock();
        var svc = new SlowService(55, Records, 0);
        svc.Before = (i, _) =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(160)); // six pages of 160 ms: under a second
            return Task.CompletedTask;
        };
        _ = Watched(svc, new PageOptions { Clock = clock.Now }, progress).ToList();
        Assert.Equal(6, svc.Requests.Count);
        _ = Watched(new SlowService(55, Records, 0), new PageOptions { First = 30 }, progress, TimeSpan.Zero).ToList();
        _ = Watched(new SlowService(55, Records, 0, sendTotal: false), new PageOptions(), progress, TimeSpan.Zero).ToList();
        Assert.Empty(progress);
    }

    [Fact]
    public void Progress_shows_from_the_first_page_written_a_second_after_the_listing_started()
    {
        var clock = new ManualClock();
        var progress = new List<ListingProgress>();
        var svc = new SlowService(120, Records, 0);
        svc.Before = (i, _) =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(250)); // each page takes 250 ms
            return Task.CompletedTask;
        };
        _ = Watched(svc, new PageOptions { Clock = clock.Now, ThrottleLimit = 1 }, progress).ToList();
        // Page k is written k × 250 ms after the start: from the fourth page on, a second has passed.
        Assert.Equal(new long[] { 40, 50, 60, 70, 80, 90, 100, 110, 120, 120 }, progress.Select(p => p.Written));
        Assert.True(progress[^1].Completed);
    }

    [Fact]
    public void A_stopped_consumer_closes_the_progress_it_showed()
    {
        var progress = new List<ListingProgress>();
        var svc = new SlowService(100, Records, 0);
        var got = Watched(svc, new PageOptions(), progress, TimeSpan.Zero).Take(25).ToList();
        Assert.Equal(25, got.Count);
        Assert.True(progress.Last().Completed);
        Assert.Equal(25, progress.Last().Written);
    }

    [Fact]
    public void The_pages_hold_the_listings_records_once_each_in_order_with_what_it_expects()
    {
        var listing = Pager.Enumerate(Records, new PageOptions { Skip = 5, First = 42 }, new SlowService(55, Records).Source(), i => i.ToString());
        var pages = listing.AsPages().ToList();
        Assert.Equal(Enumerable.Range(5, 42), pages.SelectMany(p => p.Records));
        Assert.Equal(new[] { 10, 10, 10, 10, 2 }, pages.Select(p => p.Records.Count));
        Assert.All(pages, p => Assert.Equal(42, p.Expected));
        Assert.Equal(Enumerable.Range(5, 42), listing); // the same listing read as records, requested again
    }

    [Fact]
    public void Select_first_one_over_watched_pages_costs_one_request()
    {
        var svc = new SlowService(100, Records, 0);
        var progress = new List<ListingProgress>();
        Assert.Equal(0, Watched(svc, new PageOptions { ThrottleLimit = 8 }, progress, TimeSpan.Zero).First());
        Assert.Single(svc.Requests);
    }

    [Fact]
    public void A_listing_with_a_budget_collects_between_its_pages()
    {
        // 40 pages whose records are garbage as soon as written; a budget of 1 byte means every page's garbage is
        // over it, so each page ends in a collection, the runtime's or the bound's.
        var rule = new PagingRule(OffsetKind.RecordOffset, 1, 1000, 100);
        Page<byte[]> Fetch(long offset, int limit) =>
            new(Enumerable.Range(0, offset < 4000 ? limit : 0).Select(_ => new byte[256]).ToList(), 4000);

        var before = GC.CollectionCount(0);
        var pages = Pager.Enumerate(rule, new PageOptions { ThrottleLimit = 1 }, Fetch).AsPages();
        var written = WatchedPages.Records(pages, progress: null, new GarbageBound(1)).Count();
        Assert.Equal(4000, written);
        Assert.True(GC.CollectionCount(0) - before >= 39, $"{GC.CollectionCount(0) - before} collection(s) in 40 pages");
    }

    [Fact]
    public void The_garbage_bound_is_asked_after_each_page_is_written_and_not_before()
    {
        var heap = 0L;
        var checks = new List<long>();
        var written = 0L;
        var bound = new GarbageBound(1L << 40, () => { checks.Add(written); return heap; }, () => 0, () => { });
        checks.Clear(); // the bound's own mark at its creation
        var pages = Pager.Enumerate(Records, new PageOptions(), new SlowService(35, Records, 0).Source()).AsPages();
        foreach (var _ in WatchedPages.Records(pages, null, bound)) written++;
        Assert.Equal(new long[] { 10, 20, 30, 35 }, checks);
    }
}
