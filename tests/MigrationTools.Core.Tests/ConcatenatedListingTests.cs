using MigrationTools.Core.Paging;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>Several paged sources as one listing: -First, -Skip and -IncludeTotalCount over the whole.</summary>
public sealed class ConcatenatedListingTests
{
    private static readonly PagingRule Pages = new(OffsetKind.PageNumber, 1, 1000, 10);

    /// <summary>Sources named by their size; records are "source:index"; every page request is recorded.</summary>
    private sealed class Sources(bool sendTotal = true)
    {
        public List<(int Source, long Offset, int Limit)> Requests { get; } = new();

        public PagedListing<string> List(int size, PageOptions options) =>
            Pager.Enumerate(Pages, options, (offset, limit) =>
            {
                Requests.Add((size, offset, limit));
                var start = (offset - 1) * limit;
                var items = Enumerable.Range(0, size).Skip((int)start).Take(limit).Select(i => $"{size}:{i}").ToList();
                return new Page<string>(items, sendTotal ? size : null);
            });
    }

    private static readonly int[] Sizes = { 35, 7, 0, 12 };
    private static IEnumerable<string> All => Sizes.SelectMany(s => Enumerable.Range(0, s).Select(i => $"{s}:{i}"));

    [Fact]
    public void Lists_every_source_in_order()
    {
        var s = new Sources();
        Assert.Equal(All, ConcatenatedListing.Enumerate(Sizes, new PageOptions(), s.List));
    }

    [Fact]
    public void Skip_crosses_sources_with_one_request_per_skipped_source()
    {
        var s = new Sources();
        var got = ConcatenatedListing.Enumerate(Sizes, new PageOptions { Skip = 38, First = 6 }, s.List).ToList();
        Assert.Equal(All.Skip(38).Take(6), got);
        // 35 is wholly skipped: one request (answering with its total, no records); 7 from record 3; 0 asked once; 12 for the rest.
        Assert.Single(s.Requests, r => r.Source == 35);
        Assert.Equal(6, got.Count);
    }

    [Fact]
    public void First_stops_the_requests()
    {
        var s = new Sources();
        Assert.Equal(All.Take(3), ConcatenatedListing.Enumerate(Sizes, new PageOptions { First = 3 }, s.List));
        Assert.All(s.Requests, r => Assert.Equal(35, r.Source));
    }

    [Fact]
    public void The_total_is_the_sum_and_comes_before_the_records_and_then_skipped_sources_cost_nothing()
    {
        var s = new Sources();
        long? total = -1;
        var got = ConcatenatedListing.Enumerate(Sizes, new PageOptions { Skip = 36, First = 2, OnTotal = t => total = t }, s.List).ToList();
        Assert.Equal(54, total);
        Assert.Equal(All.Skip(36).Take(2), got);
        Assert.Single(s.Requests, r => r.Source == 35); // the total probe only
    }

    [Fact]
    public void Without_totals_skipped_sources_are_counted()
    {
        var s = new Sources(sendTotal: false);
        long? total = -1;
        Assert.Equal(All.Skip(40).Take(5), ConcatenatedListing.Enumerate(Sizes, new PageOptions { Skip = 40, First = 5, OnTotal = t => total = t }, s.List));
        Assert.Null(total);
    }

    [Fact]
    public void Each_part_is_paged_with_the_listings_page_size_and_throttle_limit()
    {
        var seen = new List<(int? PageSize, int? ThrottleLimit)>();
        var s = new Sources();
        var got = ConcatenatedListing.Enumerate(Sizes, new PageOptions { PageSize = 5, ThrottleLimit = 1, Skip = 3, OnTotal = _ => { } },
            (size, part) => { seen.Add((part.PageSize, part.ThrottleLimit)); return s.List(size, part); }).ToList();
        Assert.Equal(All.Skip(3), got);
        Assert.NotEmpty(seen);
        Assert.All(seen, p => Assert.Equal((5, 1), (p.PageSize, p.ThrottleLimit)));
    }

    [Fact]
    public void Its_pages_are_the_parts_pages_and_tell_no_expected_count()
    {
        var s = new Sources();
        var pages = ConcatenatedListing.Enumerate(Sizes, new PageOptions { Skip = 30 }, s.List).AsPages().ToList();
        Assert.Equal(All.Skip(30), pages.SelectMany(p => p.Records));
        Assert.Equal(new[] { 5, 7, 10, 2 }, pages.Select(p => p.Records.Count));
        Assert.All(pages, p => Assert.Null(p.Expected)); // no part knows the whole: no progress bar
    }
}
