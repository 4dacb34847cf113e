using MigrationTools.Core.Paging;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>The paging rules: record offsets from 0, page numbers from 1, and the stops.</summary>
public sealed class PagerTests
{
    private static readonly PagingRule Records = new(OffsetKind.RecordOffset, 1, 1000, 10);
    private static readonly PagingRule Pages = new(OffsetKind.PageNumber, 1, 1000, 10);

    /// <summary>A fake service over 0..count-1 that records each request.</summary>
    private sealed class FakeService(int count, PagingRule rule, bool sendTotal = true)
    {
        public List<(long Offset, int Limit)> Requests { get; } = new();

        public Page<int> Fetch(long offset, int limit)
        {
            Requests.Add((offset, limit));
            var start = rule.Kind == OffsetKind.RecordOffset ? offset : (offset - 1) * limit;
            var items = Enumerable.Range(0, count).Skip((int)start).Take(limit).ToList();
            return new Page<int>(items, sendTotal ? count : null);
        }
    }

    [Fact]
    public void Record_offsets_walk_the_whole_list_and_stop_at_the_total()
    {
        var svc = new FakeService(25, Records);
        var all = Pager.Enumerate(Records, new PageOptions(), svc.Fetch).ToList();
        Assert.Equal(Enumerable.Range(0, 25), all);
        Assert.Equal(new[] { (0L, 10), (10L, 10), (20L, 10) }, svc.Requests);
    }

    [Fact]
    public void Page_numbers_start_at_one_and_advance_by_one()
    {
        var svc = new FakeService(25, Pages);
        var all = Pager.Enumerate(Pages, new PageOptions(), svc.Fetch).ToList();
        Assert.Equal(Enumerable.Range(0, 25), all);
        Assert.Equal(new[] { (1L, 10), (2L, 10), (3L, 10) }, svc.Requests);
    }

    [Fact]
    public void Without_a_total_paging_stops_on_the_first_empty_page()
    {
        var svc = new FakeService(20, Records, sendTotal: false);
        Assert.Equal(20, Pager.Enumerate(Records, new PageOptions(), svc.Fetch).Count());
        Assert.Equal(new[] { 0L, 10L, 20L }, svc.Requests.Select(r => r.Offset));
    }

    [Fact]
    public void An_empty_first_page_makes_one_request_and_yields_nothing()
    {
        var svc = new FakeService(0, Records);
        Assert.Empty(Pager.Enumerate(Records, new PageOptions(), svc.Fetch));
        Assert.Single(svc.Requests);
    }

    [Fact]
    public void First_smaller_than_a_page_asks_for_only_that_many_in_one_request()
    {
        var svc = new FakeService(100, Records);
        var got = Pager.Enumerate(Records, new PageOptions { First = 3 }, svc.Fetch).ToList();
        Assert.Equal(new[] { 0, 1, 2 }, got);
        Assert.Equal(new[] { (0L, 3) }, svc.Requests);
    }

    [Fact]
    public void First_stops_requesting_once_enough_records_are_out()
    {
        var svc = new FakeService(100, Records);
        var got = Pager.Enumerate(Records, new PageOptions { First = 25 }, svc.Fetch).ToList();
        Assert.Equal(Enumerable.Range(0, 25), got);
        Assert.Equal(new[] { (0L, 10), (10L, 10), (20L, 5) }, svc.Requests);
    }

    [Fact]
    public void First_zero_makes_no_request()
    {
        var svc = new FakeService(100, Records);
        Assert.Empty(Pager.Enumerate(Records, new PageOptions { First = 0 }, svc.Fetch));
        Assert.Empty(svc.Requests);
    }

    [Fact]
    public void First_zero_with_a_total_asks_once_for_the_smallest_page()
    {
        var svc = new FakeService(100, Records);
        var totals = new List<long?>();
        Assert.Empty(Pager.Enumerate(Records, new PageOptions { First = 0, OnTotal = totals.Add }, svc.Fetch));
        Assert.Equal(new long?[] { 100 }, totals);
        Assert.Equal(new[] { (0L, 1) }, svc.Requests);
    }

    [Fact]
    public void Skip_starts_at_the_right_record_offset_instead_of_discarding()
    {
        var svc = new FakeService(100, Records);
        var got = Pager.Enumerate(Records, new PageOptions { Skip = 37, First = 5 }, svc.Fetch).ToList();
        Assert.Equal(new[] { 37, 38, 39, 40, 41 }, got);
        Assert.Equal(new[] { (37L, 5) }, svc.Requests);
    }

    [Fact]
    public void Skip_with_page_numbers_starts_at_the_page_that_holds_the_record()
    {
        var svc = new FakeService(100, Pages);
        var got = Pager.Enumerate(Pages, new PageOptions { Skip = 37, PageSize = 10 }, svc.Fetch).Take(5).ToList();
        Assert.Equal(new[] { 37, 38, 39, 40, 41 }, got);
        Assert.Equal(new[] { (4L, 10), (5L, 10) }, svc.Requests);
    }

    [Fact]
    public void Skip_past_the_end_yields_nothing()
    {
        var svc = new FakeService(20, Records);
        Assert.Empty(Pager.Enumerate(Records, new PageOptions { Skip = 50 }, svc.Fetch));
        Assert.Single(svc.Requests);
    }

    [Fact]
    public void The_total_is_reported_once_from_the_first_page()
    {
        var svc = new FakeService(42, Records);
        var totals = new List<long?>();
        var n = Pager.Enumerate(Records, new PageOptions { OnTotal = totals.Add }, svc.Fetch).Count();
        Assert.Equal(42, n);
        Assert.Equal(new long?[] { 42 }, totals);
    }

    [Fact]
    public void Pages_are_requested_only_as_records_are_consumed()
    {
        var svc = new FakeService(100, Records);
        using var e = Pager.Enumerate(Records, new PageOptions(), svc.Fetch).GetEnumerator();
        Assert.Empty(svc.Requests);
        for (var i = 0; i < 10; i++) Assert.True(e.MoveNext());
        Assert.Single(svc.Requests);
        Assert.True(e.MoveNext());
        Assert.Equal(2, svc.Requests.Count);
    }

    [Fact]
    public void A_service_that_ignores_the_offset_is_not_followed_forever()
    {
        var requests = 0;
        var warnings = new List<string>();
        Page<int> SameFirstPage(long offset, int limit)
        {
            requests++;
            return new Page<int>(Enumerable.Range(0, limit).ToList(), 1_000_000);
        }
        var got = Pager.Enumerate(Records, new PageOptions { OnWarning = warnings.Add }, SameFirstPage, i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(10, got.Count);
        Assert.Equal(2, requests);
        Assert.Single(warnings);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void A_page_size_outside_the_rule_is_refused(int size)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Pager.Enumerate<int>(Records, new PageOptions { PageSize = size }, (_, _) => default));
        Assert.Contains("between 1 and 1000", ex.Message);
    }
}
