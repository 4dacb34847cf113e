using MigrationTools.Core.Paging;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>Ordered concurrent paging (issue 9, items 1-2): order, exactly once, bounds, cancellation, AIMD.</summary>
public sealed class PagerConcurrencyTests
{
    private static readonly PagingRule Records = new(OffsetKind.RecordOffset, 1, 1000, 10);
    private static readonly PagingRule Pages = new(OffsetKind.PageNumber, 1, 1000, 10);

    [Theory]
    [InlineData(OffsetKind.RecordOffset, 8)]
    [InlineData(OffsetKind.PageNumber, 8)]
    [InlineData(OffsetKind.RecordOffset, 3)]
    public void Records_come_in_service_order_each_once_under_random_latencies(OffsetKind kind, int throttle)
    {
        var rule = kind == OffsetKind.RecordOffset ? Records : Pages;
        var svc = new SlowService(1003, rule);
        var got = Pager.Enumerate(rule, new PageOptions { ThrottleLimit = throttle }, svc.Source(), i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 1003), got);
        Assert.Equal(101, svc.Requests.Count);                 // each page once
        Assert.Equal(101, svc.Requests.Distinct().Count());
        Assert.InRange(svc.MaxInFlight, 1, throttle);          // never more than the limit (that it is concurrent: below)
    }

    /// <summary>
    /// A source whose pages are answered only when the consumer waits for one, oldest first, on the consumer's own
    /// thread (the pager completes its bookkeeping where a page is answered): every count below is exact, with no
    /// timing in it.
    /// </summary>
    private sealed class GatedService(int count)
    {
        private int _answered;

        public List<(PageRequest Request, TaskCompletionSource<Page<int>> Answer)> Requests { get; } = new();
        public List<int> InFlightAtStart { get; } = new();
        public List<int> InFlightAtWait { get; } = new();
        public int InFlight => Requests.Count - _answered;
        public Action<int>? OnWait { get; set; }

        public PageSource<int> Source(Action<string>? log = null) => new(Fetch, Wait, log);

        private Task<Page<int>> Fetch(PageRequest request)
        {
            InFlightAtStart.Add(InFlight);
            var answer = new TaskCompletionSource<Page<int>>();
            Requests.Add((request, answer));
            return answer.Task;
        }

        private Page<int> Wait(Task<Page<int>> page)
        {
            InFlightAtWait.Add(InFlight);
            OnWait?.Invoke(InFlightAtWait.Count);
            while (!page.IsCompleted)
            {
                var (request, answer) = Requests[_answered++];
                var records = (int)Math.Max(0, Math.Min(request.Limit, count - request.Offset));
                answer.SetResult(new Page<int>(Enumerable.Range((int)request.Offset, records).ToList(), count));
            }
            return page.GetAwaiter().GetResult();
        }
    }

    [Fact]
    public void Pages_are_requested_concurrently_rising_from_one_to_the_throttle_limit_and_never_beyond()
    {
        var svc = new GatedService(1000);
        var got = Pager.Enumerate(Records, new PageOptions { ThrottleLimit = 8 }, svc.Source(), i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 1000), got);
        Assert.Equal(100, svc.Requests.Count);
        // The first page alone; then slow start: one, then more with each page the consumer takes, up to 8.
        Assert.Equal(new[] { 1, 1 }, svc.InFlightAtWait.Take(2));
        Assert.Equal(8, svc.InFlightAtWait.Max());
        Assert.True(svc.InFlightAtStart.Max() <= 7, "never more than 8 in flight");
    }

    [Fact]
    public void A_throttled_request_halves_the_pages_in_flight_at_once_and_they_rise_again_slowly()
    {
        var log = new List<string>();
        var svc = new GatedService(2000);
        var throttledAt = -1;
        svc.OnWait = wait =>
        {
            if (throttledAt >= 0 || svc.InFlight < 8) return;
            svc.Requests[^1].Request.OnThrottled!(); // as the resilience pipeline does on a 429 of this request
            throttledAt = svc.Requests.Count;
        };
        var got = Pager.Enumerate(Records, new PageOptions { ThrottleLimit = 8 }, svc.Source(log.Add), i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 2000), got);
        Assert.True(throttledAt > 0, "the listing should have reached 8 in flight");
        // The requests started after the 429 start with fewer than 4 in flight until 4 of them succeeded.
        Assert.All(svc.InFlightAtStart.Skip(throttledAt).Take(4), n => Assert.InRange(n, 0, 3));
        Assert.Contains(log, l => l.Contains("4 request(s) in flight instead of 8", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("5 request(s) in flight (at most 8)", StringComparison.Ordinal));
        Assert.Equal(7, svc.InFlightAtStart.Skip(throttledAt).Max()); // back up to 8 by the end
    }

    [Fact]
    public void A_service_that_sends_fewer_records_than_asked_is_paged_concurrently_at_its_own_page_size()
    {
        // 1,200 records, never more than 6 a page (the module asks for 10): 200 pages, each asked for once, whole.
        var svc = new SlowService(1200, Records, cap: 6);
        var log = new List<string>();
        var got = Pager.Enumerate(Records, new PageOptions { ThrottleLimit = 8 }, svc.Source(log.Add), i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 1200), got);
        Assert.Equal(200, svc.Requests.Count);
        Assert.Equal((0L, 10), svc.Requests[0]);
        Assert.Equal(Enumerable.Range(1, 199).Select(p => (p * 6L, 6)), svc.Requests.Skip(1).OrderBy(r => r.Offset));
        Assert.InRange(svc.MaxInFlight, 3, 8);
        Assert.Contains(log, l => l.Contains("sent 6 record(s) for limit=10", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(OffsetKind.RecordOffset, 1)]
    [InlineData(OffsetKind.RecordOffset, 8)]
    [InlineData(OffsetKind.PageNumber, 1)]
    [InlineData(OffsetKind.PageNumber, 8)]
    public void A_service_that_sends_fewer_than_asked_is_listed_whole_in_its_own_pages(OffsetKind kind, int throttle)
    {
        // The requests are reckoned in the service's pages (6), not the module's (10): all 1,200, no warning. Page
        // numbers after the first are asked for at 6, so that page 2 is records 6-11 however the service counts.
        var rule = kind == OffsetKind.RecordOffset ? Records : Pages;
        var svc = new SlowService(1200, rule, maxLatencyMs: 2, cap: 6);
        var warnings = new List<string>();
        var got = Pager.Enumerate(rule, new PageOptions { ThrottleLimit = throttle, OnWarning = warnings.Add }, svc.Source(), i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 1200), got);
        Assert.Equal(200, svc.Requests.Count);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Throttle_limit_one_is_one_request_after_another_as_records_are_consumed()
    {
        var svc = new SlowService(100, Records);
        using var e = Pager.Enumerate(Records, new PageOptions { ThrottleLimit = 1 }, svc.Source()).GetEnumerator();
        for (var i = 0; i < 10; i++) Assert.True(e.MoveNext());
        Assert.Single(svc.Requests);
        Assert.True(e.MoveNext());
        Assert.Equal(2, svc.Requests.Count);
        Assert.Equal(1, svc.MaxInFlight);
    }

    [Fact]
    public void First_3_is_one_request_of_3()
    {
        var svc = new SlowService(1000, Records);
        var got = Pager.Enumerate(Records, new PageOptions { First = 3, ThrottleLimit = 8 }, svc.Source()).ToList();
        Assert.Equal(new[] { 0, 1, 2 }, got);
        Assert.Equal(new[] { (0L, 3) }, svc.Requests);
    }

    [Fact]
    public void A_consumer_that_takes_only_part_of_the_first_page_costs_one_request()
    {
        var svc = new SlowService(1000, Records);
        Assert.Equal(new[] { 0, 1, 2 }, Pager.Enumerate(Records, new PageOptions { ThrottleLimit = 8 }, svc.Source()).Take(3).ToList());
        Assert.Single(svc.Requests);
    }

    [Fact]
    public void First_and_skip_ask_only_for_the_records_wanted()
    {
        var svc = new SlowService(1000, Records);
        var got = Pager.Enumerate(Records, new PageOptions { Skip = 95, First = 33, ThrottleLimit = 8 }, svc.Source(), i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(95, 33), got);
        Assert.Equal(33, svc.Requests.Sum(r => r.Limit));
    }

    [Fact]
    public void A_failed_page_ends_the_listing_and_cancels_the_requests_in_flight()
    {
        var svc = new HangingService(10_000, answered: 60);
        var e = Pager.Enumerate(Records, new PageOptions { ThrottleLimit = 4 }, svc.Source(), i => i.ToString()).GetEnumerator();
        for (var i = 0; i < 60; i++) Assert.True(e.MoveNext());
        var moving = Task.Run(() => e.MoveNext());    // asks for record 60: that page and those after it hang
        Assert.True(SpinWait.SpinUntil(() => svc.Hanging >= 1 && svc.AtAnsweredStarted, TimeSpan.FromSeconds(10)));
        Assert.False(moving.IsCompleted);
        svc.Gate.TrySetException(new InvalidOperationException("page at 60 failed"));
        var ex = Assert.Throws<AggregateException>(() => moving.Wait(TimeSpan.FromSeconds(10)));
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        e.Dispose();
        Assert.True(SpinWait.SpinUntil(() => svc.Cancelled == svc.Hanging, TimeSpan.FromSeconds(10)), $"hanging {svc.Hanging}, cancelled {svc.Cancelled}");
        // None after the failure: the six pages answered and at most four in flight, ever (a bound that holds at
        // any moment, so no wait shows it), the failed one among them.
        Assert.InRange(svc.Started, 7, 6 + 4);
        Assert.InRange(svc.Hanging, 1, 3);
    }

    [Fact]
    public async Task A_consumer_that_stops_mid_listing_cancels_the_requests_in_flight_and_starts_no_more()
    {
        var svc = new HangingService(10_000, answered: 60);
        var e = Pager.Enumerate(Records, new PageOptions { ThrottleLimit = 4 }, svc.Source(), i => i.ToString()).GetEnumerator();
        for (var i = 0; i < 60; i++) Assert.True(e.MoveNext());
        var moving = Task.Run(() => e.MoveNext());
        Assert.True(SpinWait.SpinUntil(() => svc.Hanging >= 1 && svc.AtAnsweredStarted, TimeSpan.FromSeconds(10)));
        svc.Gate.TrySetResult(new Page<int>(Enumerable.Range(60, 10).ToList(), 10_000)); // the page arrives; the consumer takes one record and stops
        Assert.True(await moving.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(60, e.Current);
        e.Dispose();
        Assert.True(SpinWait.SpinUntil(() => svc.Cancelled == svc.Hanging, TimeSpan.FromSeconds(10)), $"hanging {svc.Hanging}, cancelled {svc.Cancelled}");
        // The seven pages taken and at most four in flight, ever: nothing starts after the consumer stopped.
        Assert.InRange(svc.Started, 8, 7 + 4);
        Assert.True(svc.Hanging >= 1);
    }

    [Fact]
    public void Disposing_the_enumerator_during_the_first_page_requested_nothing_more()
    {
        var svc = new HangingService(10_000, answered: 10);
        var e = Pager.Enumerate(Records, new PageOptions { ThrottleLimit = 4 }, svc.Source(), i => i.ToString()).GetEnumerator();
        for (var i = 0; i < 10; i++) Assert.True(e.MoveNext());
        // Select-Object -First 10 stops here: the consumer never asks for more, so nothing more was requested.
        e.Dispose();
        Assert.Equal(1, svc.Started);
    }

    /// <summary>Pages before <c>answered</c> answer at once; the page at it waits for <see cref="Gate"/>; later ones hang until cancelled.</summary>
    private sealed class HangingService(int count, int answered)
    {
        private int _started, _hanging, _cancelled, _atAnswered;
        public int Started => Volatile.Read(ref _started);
        public int Hanging => Volatile.Read(ref _hanging);
        public int Cancelled => Volatile.Read(ref _cancelled);
        public bool AtAnsweredStarted => Volatile.Read(ref _atAnswered) == 1;
        public TaskCompletionSource<Page<int>> Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public PageSource<int> Source() => new(FetchAsync, t => t.GetAwaiter().GetResult());

        private async Task<Page<int>> FetchAsync(long offset, int limit, CancellationToken ct)
        {
            Interlocked.Increment(ref _started);
            if (offset < answered) return new Page<int>(Enumerable.Range((int)offset, limit).ToList(), count);
            if (offset == answered)
            {
                Volatile.Write(ref _atAnswered, 1);
                return await Gate.Task;
            }
            Interlocked.Increment(ref _hanging);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
                throw new InvalidOperationException("unreachable");
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
        }
    }

    [Fact]
    public void The_window_bounds_the_pages_fetched_ahead_of_a_slow_consumer()
    {
        // Pages answered at once are handled at once, on the consumer's thread: when MoveNext returns, every request
        // the pager will make for what was taken so far has been made.
        var svc = new SlowService(10_000, Records, maxLatencyMs: 0);
        using var e = Pager.Enumerate(Records, new PageOptions { ThrottleLimit = 4 }, svc.Source(), i => i.ToString()).GetEnumerator();
        for (var i = 0; i < 25; i++) Assert.True(e.MoveNext()); // the first page, slot 0 and part of slot 1 taken
        Assert.Equal(1, svc.MaxInFlight);                        // answered synchronously indeed
        Assert.Equal(1 + 3, svc.Requests.Count);                 // slow start: slots 0-2 so far
        for (var i = 25; i < 205; i++) Assert.True(e.MoveNext()); // slot 19 being taken
        // The first page and slots 0-26: the slot being taken and the 7 after it, a window of 2 x -ThrottleLimit,
        // however fast the pages come.
        Assert.Equal(1 + 27, svc.Requests.Count);
    }

    [Fact]
    public void Without_a_total_the_next_page_travels_while_the_current_one_is_written()
    {
        var svc = new SlowService(100, Records, sendTotal: false);
        using var e = Pager.Enumerate(Records, new PageOptions { ThrottleLimit = 4 }, svc.Source(), i => i.ToString()).GetEnumerator();
        for (var i = 0; i < 10; i++) Assert.True(e.MoveNext());
        Assert.Single(svc.Requests);              // nothing ahead during the first page
        Assert.True(e.MoveNext());                // record 10: page 1 arrives, page 2 is asked for at once
        lock (svc.Requests) Assert.Equal(new long[] { 0, 10, 20 }, svc.Requests.Select(r => r.Offset));
        var rest = new List<int> { e.Current };
        while (e.MoveNext()) rest.Add(e.Current);
        Assert.Equal(Enumerable.Range(10, 90), rest);
        Assert.InRange(svc.MaxInFlight, 1, 2);
    }

    [Fact]
    public void Additive_increase_multiplicative_decrease()
    {
        var log = new List<string>();
        var clock = new ManualClock();
        var control = new ConcurrencyControl(8, log.Add, clock.Now);
        var before = control.Generation;
        control.Throttled();
        Assert.Equal(4, control.Current);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        control.Throttled();                       // the same burst (within a second): no second halving
        Assert.Equal(4, control.Current);
        for (var i = 0; i < 10; i++) control.Succeeded(before); // requests started before the 429 do not count
        Assert.Equal(4, control.Current);
        var now = control.Generation;
        for (var i = 0; i < 3; i++) control.Succeeded(now);
        Assert.Equal(4, control.Current);
        control.Succeeded(now);                    // a run as long as the current number: one more
        Assert.Equal(5, control.Current);
        for (var i = 0; i < 100; i++) control.Succeeded(now);
        Assert.Equal(8, control.Current);          // never above the limit
        Assert.Equal(5, log.Count);                // one line per change: 8→4, then 5, 6, 7, 8
        var one = new ConcurrencyControl(1, null);
        one.Throttled();
        Assert.Equal(1, one.Current);              // never below one
        clock.Advance(TimeSpan.FromSeconds(1));
        control.Throttled();                       // a second after the last halving: halved again
        Assert.Equal(4, control.Current);
    }

    [Theory]
    [InlineData(null, null, 4)]
    [InlineData(null, "8", 8)]
    [InlineData(2, "8", 2)]     // the parameter wins
    [InlineData(1, null, 1)]
    public void The_throttle_limit_comes_from_the_parameter_then_the_environment_then_the_default(int? parameter, string? variable, int expected)
    {
        var env = new MigrationTools.Core.Connection.DictionaryEnvironment(variable is null ? new Dictionary<string, string>() : new() { [PageOptions.ThrottleLimitVariable] = variable });
        Assert.Equal(expected, PageOptions.ResolveThrottleLimit(parameter, env));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("four")]
    [InlineData("-3")]
    public void A_throttle_limit_variable_out_of_range_is_an_error_that_names_it(string variable)
    {
        var env = new MigrationTools.Core.Connection.DictionaryEnvironment(new Dictionary<string, string> { [PageOptions.ThrottleLimitVariable] = variable });
        var ex = Assert.Throws<MigrationTools.Core.Errors.HuaweiCloudConfigurationException>(() => PageOptions.ResolveThrottleLimit(null, env));
        Assert.Equal("InvalidThrottleLimit", ex.ErrorId);
        Assert.Contains(PageOptions.ThrottleLimitVariable, ex.Message);
        Assert.Contains(variable, ex.Message);
    }
}
