using MigrationTools.Core.Apis;
using MigrationTools.Core.Http;
using MigrationTools.Core.Paging;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>Every listing ends on its own, whatever the service does with offset and total (issue 8, item 2 and 11).</summary>
public sealed class PagerTerminationTests
{
    private static readonly PagingRule Records = new(OffsetKind.RecordOffset, 1, 1000, 10);
    private static readonly PagingRule Pages = new(OffsetKind.PageNumber, 1, 1000, 10);

    private static List<int> Page(int start, int count) => Enumerable.Range(start, count).ToList();

    [Fact]
    public void A_service_alternating_two_pages_without_a_total_ends_with_each_record_once()
    {
        var requests = 0;
        var warnings = new List<string>();
        var got = Pager.Enumerate(Records, new PageOptions { OnWarning = warnings.Add },
            (_, _) => new Page<int>(requests++ % 2 == 0 ? Page(0, 10) : Page(10, 10), null), i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 20), got);
        Assert.Equal(3, requests);
        Assert.Contains("already sent", Assert.Single(warnings));
    }

    [Fact]
    public void A_service_cycling_through_pages_ends_on_the_first_page_with_nothing_new()
    {
        var requests = 0;
        var warnings = new List<string>();
        var got = Pager.Enumerate(Pages, new PageOptions { OnWarning = warnings.Add },
            (_, _) => new Page<int>(Page(requests++ % 3 * 10, 10), null), i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 30), got);
        Assert.Equal(4, requests);
        Assert.Single(warnings);
    }

    [Fact]
    public void A_page_that_repeats_only_some_records_writes_the_new_ones_once()
    {
        // Newest first and a task added meanwhile: the next page starts with the last record of the one before.
        var got = Pager.Enumerate(Records, new PageOptions(),
            (offset, limit) => new Page<int>(Page((int)offset - (offset > 0 ? 1 : 0), offset >= 30 ? 0 : limit), null), i => i.ToString()).ToList();
        Assert.Equal(got.Distinct(), got);
        Assert.Equal(Enumerable.Range(0, 29), got);
    }

    [Fact]
    public void Without_a_total_or_ids_the_hard_ceiling_ends_the_listing()
    {
        var requests = 0;
        var warnings = new List<string>();
        var n = Pager.Enumerate(Records, new PageOptions { OnWarning = warnings.Add },
            (_, limit) => { requests++; return new Page<int>(Page(0, limit), null); }).Count();
        Assert.Equal(Pager.MaxRequestsWithoutTotal, requests);
        Assert.Equal(Pager.MaxRequestsWithoutTotal * 10, n);
        Assert.Contains("gives no total", Assert.Single(warnings));
    }

    [Fact]
    public void A_known_total_bounds_the_requests_of_a_service_that_sends_short_pages_after_a_whole_one()
    {
        // The first page holds all 10 asked for, so the service's pages are 10: 5 for 50 records, as many again for
        // short pages, and one. Then it sends one record a page: the listing stops at that bound, and says so.
        var requests = 0;
        var warnings = new List<string>();
        var got = Pager.Enumerate(Records, new PageOptions { OnWarning = warnings.Add },
            (offset, limit) => { requests++; return new Page<int>(Page((int)offset, offset == 0 ? limit : 1), 50); }, i => i.ToString()).ToList();
        Assert.Equal(2 * 5 + 1, requests);
        Assert.Equal(Enumerable.Range(0, 10 + 10), got);
        Assert.Contains("the most a listing of 50", Assert.Single(warnings));
    }

    [Fact]
    public void A_service_whose_pages_hold_fewer_records_than_asked_is_listed_in_pages_of_its_size()
    {
        // One record for limit=10, with 50 in all: the service pages by one (a cap below the limit), and the
        // requests are reckoned in its pages, so all 50 come, with no warning.
        var requests = 0;
        var warnings = new List<string>();
        var got = Pager.Enumerate(Records, new PageOptions { OnWarning = warnings.Add },
            (offset, _) => { requests++; return new Page<int>(Page((int)offset, 1), 50); }, i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 50), got);
        Assert.Equal(50, requests);
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData(-5L, "negative")]
    [InlineData(1_000_000_000_000L, "more than")]
    [InlineData(3L, "smaller than")]
    public void A_total_that_cannot_be_right_is_reported_unknown_with_a_warning(long total, string why)
    {
        var totals = new List<long?>();
        var warnings = new List<string>();
        var got = Pager.Enumerate(Records, new PageOptions { OnTotal = totals.Add, OnWarning = warnings.Add },
            (offset, limit) => new Page<int>(offset < 20 ? Page((int)offset, limit) : null, total), i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 20), got);
        Assert.Equal(new long?[] { null }, totals);
        Assert.Contains(why, Assert.Single(warnings));
        Assert.Contains(total.ToString(), warnings[0]);
    }

    [Fact]
    public void First_zero_with_a_negative_total_reports_it_unknown()
    {
        var totals = new List<long?>();
        var warnings = new List<string>();
        Assert.Empty(Pager.Enumerate(Records, new PageOptions { First = 0, OnTotal = totals.Add, OnWarning = warnings.Add },
            (_, _) => new Page<int>(Page(0, 1), -5)));
        Assert.Equal(new long?[] { null }, totals);
        Assert.Single(warnings);
    }

    [Fact]
    public void A_listing_that_ends_far_short_of_its_total_says_so()
    {
        var warnings = new List<string>();
        var got = Pager.Enumerate(Records, new PageOptions { OnWarning = warnings.Add },
            (offset, limit) => new Page<int>(Page((int)offset, (int)Math.Clamp(30 - offset, 0, limit)), 100), i => i.ToString()).ToList();
        Assert.Equal(30, got.Count);
        Assert.Contains("30 of the 100", Assert.Single(warnings));
    }

    [Fact]
    public void A_complete_listing_warns_nothing()
    {
        var warnings = new List<string>();
        var got = Pager.Enumerate(Records, new PageOptions { OnWarning = warnings.Add, Skip = 5 },
            (offset, limit) => new Page<int>(Page((int)offset, (int)Math.Clamp(30 - offset, 0, limit)), 30), i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(5, 25), got);
        Assert.Empty(warnings);
    }

    /// <summary>A page shorter than the limit is not the end while the total says more records follow.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_short_page_before_the_total_is_reached_does_not_end_the_listing(int throttle)
    {
        var requests = new List<(long, int)>();
        Page<int> Serve(long offset, int limit)
        {
            lock (requests) requests.Add((offset, limit));
            // The service caps the page at offset 10 to 7 records; everything else is as asked, 45 records in all.
            var count = offset == 10 ? 7 : limit;
            return new Page<int>(Page((int)offset, (int)Math.Clamp(Math.Min(count, 45 - offset), 0, limit)), 45);
        }
        var source = new PageSource<int>((o, l, _) => Task.Run(() => Serve(o, l)), t => t.GetAwaiter().GetResult());
        var got = Pager.Enumerate(Records, new PageOptions { ThrottleLimit = throttle }, source, i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 45), got);
        Assert.Contains(requests, r => r.Item1 == 17); // the records after the short page were asked for
    }

    [Fact]
    public void A_short_page_number_page_before_the_total_does_not_end_the_listing()
    {
        var got = Pager.Enumerate(Pages, new PageOptions(),
            (page, limit) => new Page<int>(page == 2 ? Page(10, 4) : page <= 4 ? Page((int)(page - 1) * limit, limit) : null, 34), i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Concat(Enumerable.Range(10, 4)).Concat(Enumerable.Range(20, 20)).Take(34), got.Take(34));
        Assert.Equal(34, got.Count);
    }

    /// <summary>Through ListApi: records without ids are told apart by their content, so a repeating service still ends.</summary>
    [Fact]
    public void Records_without_ids_from_a_service_that_ignores_the_offset_end_the_listing()
    {
        var handler = new ScriptedHandler("{\"migration_tasks\":[{\"task_name\":\"a\"},{\"task_name\":\"b\"},null]}");
        var warnings = new List<string>();
        var host = new PlainOperationHost(log: (level, line) => { if (level == LogLevel.Warning) lock (warnings) warnings.Add(line); });
        var client = TestClient.For(handler, host);
        var pagerWarnings = new List<string>();
        var got = DcsApi.ListMigrationTasks(client, null, new PageOptions { OnWarning = pagerWarnings.Add }).ToList();
        Assert.Equal(new[] { "a", "b" }, got.Select(t => t.TaskName));
        Assert.Equal(2, handler.Count);
        Assert.Contains("already sent", Assert.Single(pagerWarnings));
        Assert.Contains(warnings, w => w.Contains("null record"));
    }
}
