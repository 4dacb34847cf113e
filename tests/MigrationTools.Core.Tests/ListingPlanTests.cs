using MigrationTools.Core.Paging;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>The arithmetic of a listing, without a service: first request, what the first page teaches, slots.</summary>
public sealed class ListingPlanTests
{
    private static readonly PagingRule Records = new(OffsetKind.RecordOffset, 1, 1000, 10);
    private static readonly PagingRule Pages = new(OffsetKind.PageNumber, 1, 1000, 10);

    [Theory]
    [InlineData(OffsetKind.RecordOffset, 10, 95, null, 95, 10, 0)]
    [InlineData(OffsetKind.RecordOffset, 10, 95, 33L, 95, 10, 0)]
    [InlineData(OffsetKind.RecordOffset, 10, 0, 3L, 0, 3, 0)]    // -First under a page asks for no more
    [InlineData(OffsetKind.PageNumber, 10, 0, null, 1, 10, 0)]
    [InlineData(OffsetKind.PageNumber, 10, 25, null, 3, 10, 5)]  // page 3 holds records 20-29: five before -Skip
    [InlineData(OffsetKind.PageNumber, 10, 25, 4L, 7, 4, 1)]     // one limit for the whole listing: pages of 4
    public void The_first_request_follows_skip_first_and_the_page_size(OffsetKind kind, int pageSize, long skip, long? first, long offset, int limit, int discard)
    {
        var plan = new ListingPlan(kind == OffsetKind.RecordOffset ? Records : Pages, pageSize, skip, first);
        Assert.Equal((offset, limit, discard), (plan.FirstOffset, plan.FirstLimit, plan.Discard));
    }

    [Fact]
    public void A_first_page_shorter_than_asked_before_the_total_shows_the_services_own_page_size()
    {
        var plan = new ListingPlan(Records, 10, 0, null);
        Assert.True(plan.LearnFromFirstPage(1200, 6));
        Assert.Equal(6, plan.Limit);
        Assert.Equal(1200, plan.Expected);
        Assert.Equal(2 * 200 + 1, plan.Budget); // its pages, as many again for pages sent short, and one
    }

    [Theory]
    [InlineData(6, 6)]     // the whole listing in one page: no cap
    [InlineData(0, 0)]     // nothing
    public void A_short_first_page_that_reaches_the_total_is_no_cap(int total, int count)
    {
        var plan = new ListingPlan(Records, 10, 0, null);
        Assert.False(plan.LearnFromFirstPage(total, count));
        Assert.Equal(10, plan.Limit);
    }

    [Fact]
    public void Page_numbers_learn_a_cap_only_from_page_1()
    {
        var fromStart = new ListingPlan(Pages, 10, 0, null);
        Assert.True(fromStart.LearnFromFirstPage(1200, 6));
        var skipped = new ListingPlan(Pages, 10, 20, null);
        Assert.False(skipped.LearnFromFirstPage(1200, 6)); // page 3 at 6 a page is not records 20-25 on both sides
        Assert.Equal(10, skipped.Limit);
    }

    [Fact]
    public void Without_a_total_the_budget_is_the_fixed_bound_and_nothing_is_expected()
    {
        var plan = new ListingPlan(Records, 10, 0, null);
        Assert.False(plan.LearnFromFirstPage(null, 10));
        Assert.Null(plan.Expected);
        Assert.Equal(Pager.MaxRequestsWithoutTotal, plan.Budget);
    }

    [Fact]
    public void Expected_is_the_total_less_skip_at_most_first()
    {
        var plan = new ListingPlan(Records, 10, 5, 30);
        plan.LearnFromFirstPage(55, 10);
        Assert.Equal(30, plan.Expected);
        var all = new ListingPlan(Records, 10, 60, null);
        all.LearnFromFirstPage(55, 0);
        Assert.Equal(0, all.Expected);
    }

    [Fact]
    public void Slots_cover_the_rest_up_to_the_total_the_last_one_asking_only_for_what_is_left()
    {
        var records = new ListingPlan(Records, 10, 0, null);
        records.LearnFromFirstPage(1003, 10);
        var slots = records.SlotsAfter(0, records.EndRecord(0, 10, 10), remaining: null);
        Assert.Equal(100, slots.Count);
        Assert.Equal((10L, 10), slots.At(0));
        Assert.Equal((1000L, 3), slots.At(99));

        var pages = new ListingPlan(Pages, 10, 0, null);
        pages.LearnFromFirstPage(1003, 10);
        var numbered = pages.SlotsAfter(1, pages.EndRecord(1, 10, 10), remaining: null);
        Assert.Equal(100, numbered.Count);
        Assert.Equal((2L, 10), numbered.At(0));
        Assert.Equal((101L, 10), numbered.At(99));
    }

    [Fact]
    public void Slots_stop_at_firsts_end()
    {
        var plan = new ListingPlan(Records, 10, 95, 33);
        plan.LearnFromFirstPage(1000, 10);
        var slots = plan.SlotsAfter(95, plan.EndRecord(95, 10, 10), remaining: 23);
        Assert.Equal(3, slots.Count);
        Assert.Equal(new[] { (105L, 10), (115L, 10), (125L, 3) }, Enumerable.Range(0, 3).Select(j => slots.At(j)));
    }

    [Fact]
    public void One_page_after_another_the_next_offset_and_firsts_last_page()
    {
        var records = new ListingPlan(Records, 10, 0, 25);
        Assert.Equal((10L, 10), records.NextInOrder(0, 10, remainingAfter: 15));
        Assert.Equal((20L, 5), records.NextInOrder(10, 10, remainingAfter: 5));   // only what is left
        Assert.Equal((16L, 10), records.NextInOrder(10, 6, remainingAfter: null)); // after a short page, from where it ended
        var pages = new ListingPlan(Pages, 10, 0, 25);
        Assert.Equal((2L, 10), pages.NextInOrder(1, 10, remainingAfter: 5));       // a page number keeps its limit
    }

    [Fact]
    public void A_short_slot_leaves_a_gap_only_record_offsets_can_ask_for()
    {
        var records = new ListingPlan(Records, 10, 0, null);
        Assert.Equal((56L, 4), records.Gap(50, 10, 6));
        Assert.Null(records.Gap(50, 10, 10));
        Assert.Null(new ListingPlan(Pages, 10, 0, null).Gap(5, 10, 6));
    }

    [Fact]
    public void A_listing_ends_at_the_total_or_firsts_end()
    {
        var plan = new ListingPlan(Records, 10, 0, null);
        plan.LearnFromFirstPage(25, 10);
        Assert.True(plan.HasMoreAfter(10, 10, 10, remainingAfter: null));
        Assert.False(plan.HasMoreAfter(20, 10, 5, remainingAfter: null));  // record 25 reached
        Assert.False(plan.HasMoreAfter(0, 10, 10, remainingAfter: 0));     // -First used up
    }
}
