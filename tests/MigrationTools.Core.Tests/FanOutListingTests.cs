using System.Collections.Concurrent;
using MigrationTools.Core.Paging;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>Several targets listed concurrently and written as a loop over them would write them.</summary>
public sealed class FanOutListingTests
{
    private static readonly PagingRule Records = new(OffsetKind.RecordOffset, 1, 1000, 10);

    /// <summary>Targets named by their size (negative: fails after its first page); records are "size:index".</summary>
    private sealed class Targets(bool sendTotal = true)
    {
        public ConcurrentQueue<(int Target, long Offset, int Limit)> Requests { get; } = new();

        public IEnumerable<string> List(int size, PageOptions options, CancellationToken token) =>
            Pager.Enumerate(Records, options, (offset, limit) =>
            {
                token.ThrowIfCancellationRequested();
                Requests.Enqueue((size, offset, limit));
                if (size < 0 && offset > 0) throw new InvalidOperationException($"target {size} failed at {offset}");
                var items = Enumerable.Range(0, Math.Abs(size)).Skip((int)offset).Take(limit).Select(i => $"{size}:{i}").ToList();
                return new Page<string>(items, sendTotal ? Math.Abs(size) : null);
            });
    }

    private static readonly int[] Sizes = { 35, 7, 0, 120, 12 };
    private static IEnumerable<string> All => Sizes.SelectMany(s => Enumerable.Range(0, s).Select(i => $"{s}:{i}"));

    private static List<FanOutItem<int, string>> Run(int[] parts, PageOptions options, Targets t, int atOnce = 3, int ahead = 5) =>
        FanOutListing.Enumerate(parts, options, new FanOutSettings { PartsAtOnce = atOnce, RecordsAhead = ahead }, t.List).ToList();

    [Fact]
    public void Writes_every_target_in_order_while_listing_them_concurrently_with_a_small_buffer()
    {
        var t = new Targets();
        var got = Run(Sizes, new PageOptions(), t);
        Assert.Equal(All, got.Select(i => i.Record));
        Assert.All(got, i => Assert.True(i.IsRecord));
    }

    [Fact]
    public void A_failing_target_is_one_error_at_its_place_and_the_others_are_whole()
    {
        var t = new Targets();
        var got = Run(new[] { 12, -25, 7 }, new PageOptions(), t);
        var expected = Enumerable.Range(0, 12).Select(i => $"12:{i}").Concat(Enumerable.Range(0, 10).Select(i => $"-25:{i}")).ToList();
        Assert.Equal(expected, got.TakeWhile(i => i.IsRecord).Select(i => i.Record));
        var error = Assert.Single(got, i => i.Error is not null);
        Assert.Equal(-25, error.Part);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"7:{i}"), got.SkipWhile(i => i.Error is null).Skip(1).Select(i => i.Record));
    }

    [Fact]
    public void First_applies_to_the_whole_and_asks_each_target_for_no_more()
    {
        var t = new Targets();
        var got = Run(Sizes, new PageOptions { First = 40 }, t);
        Assert.Equal(All.Take(40), got.Select(i => i.Record));
        Assert.All(t.Requests, r => Assert.True(r.Limit <= 10));
        Assert.DoesNotContain(t.Requests, r => r.Target == 12); // beyond the window when the first 40 were out
    }

    [Fact]
    public void Skip_and_the_total_cross_targets_and_each_target_asks_for_its_own_range()
    {
        var t = new Targets();
        long? total = -1;
        var got = Run(Sizes, new PageOptions { Skip = 40, First = 50, OnTotal = n => total = n }, t);
        Assert.Equal(Sizes.Sum(), total);
        Assert.Equal(All.Skip(40).Take(50), got.Select(i => i.Record));
        // Target 35 lies inside -Skip: only the request that told its total; 7 starts at its record 5.
        Assert.Single(t.Requests, r => r.Target == 35);
        Assert.Contains(t.Requests, r => r.Target == 7 && r.Offset == 5);
    }

    [Fact]
    public void Skip_over_targets_without_a_total_is_counted_as_a_loop_would()
    {
        var t = new Targets(sendTotal: false);
        var got = Run(Sizes, new PageOptions { Skip = 45, First = 20 }, t);
        Assert.Equal(All.Skip(45).Take(20), got.Select(i => i.Record));
    }

    [Fact]
    public void Stopping_early_cancels_the_targets_still_running()
    {
        var t = new Targets();
        using (var e = FanOutListing.Enumerate(new[] { 500, 500, 500 }, new PageOptions(), new FanOutSettings { PartsAtOnce = 3, RecordsAhead = 5 }, t.List).GetEnumerator())
        {
            Assert.True(e.MoveNext());
        }
        var before = t.Requests.Count;
        Assert.True(before < 150, $"{before} requests");
    }
}
