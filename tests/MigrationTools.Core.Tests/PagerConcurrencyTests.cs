using MigrationTools.Core.Paging;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>Ordered concurrent paging (issue 9, items 1-2): order, exactly once, bounds, cancellation, AIMD, progress.</summary>
public sealed class PagerConcurrencyTests
{
    private static readonly PagingRule Records = new(OffsetKind.RecordOffset, 1, 1000, 10);
    private static readonly PagingRule Pages = new(OffsetKind.PageNumber, 1, 1000, 10);

    /// <summary>An asynchronous service over 0..count-1 with random latency, counting what is in flight.</summary>
    /// <param name="cap">The most records a page brings, whatever the limit (a service's own page size).</param>
    private sealed class SlowService(int count, PagingRule rule, int maxLatencyMs = 15, bool sendTotal = true, int seed = 1, int cap = int.MaxValue)
    {
        private readonly Random _random = new(seed);
        private readonly object _gate = new();
        private int _inFlight;

        public List<(long Offset, int Limit)> Requests { get; } = new();
        public int MaxInFlight { get; private set; }
        public List<int> InFlightAtStart { get; } = new();
        public int Cancelled;
        public int Completed;
        public Func<int, Task>? Before { get; set; }

        public PageSource<int> Source(Action<string>? log = null, CancellationToken cancellation = default) =>
            new(FetchAsync, t => t.GetAwaiter().GetResult(), log, cancellation);

        private async Task<Page<int>> FetchAsync(long offset, int limit, CancellationToken ct)
        {
            int latency, index;
            lock (_gate)
            {
                Requests.Add((offset, limit));
                index = Requests.Count - 1;
                InFlightAtStart.Add(_inFlight);
                MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
                latency = _random.Next(0, maxLatencyMs + 1);
            }
            try
            {
                if (Before is not null) await Before(index);
                await Task.Delay(latency, ct);
                var start = rule.Kind == OffsetKind.RecordOffset ? offset : (offset - 1) * limit;
                Interlocked.Increment(ref Completed);
                return new Page<int>(Enumerable.Range(0, count).Skip((int)start).Take(Math.Min(limit, cap)).ToList(), sendTotal ? count : null);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref Cancelled);
                throw;
            }
            finally
            {
                lock (_gate) _inFlight--;
            }
        }
    }

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
        Assert.InRange(svc.MaxInFlight, 2, throttle);          // concurrent, and never more than the limit
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
        var started = svc.Started;
        Thread.Sleep(100);
        Assert.Equal(started, svc.Started);           // none after the failure
        Assert.InRange(svc.Hanging, 1, 3);            // at most 4 in flight, the failed one among them
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
        var started = svc.Started;
        Thread.Sleep(100);
        Assert.Equal(started, svc.Started);
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
        var svc = new SlowService(10_000, Records, maxLatencyMs: 0);
        using var e = Pager.Enumerate(Records, new PageOptions { ThrottleLimit = 4 }, svc.Source(), i => i.ToString()).GetEnumerator();
        for (var i = 0; i < 25; i++) Assert.True(e.MoveNext()); // pages 0, 1 and part of 2 taken
        Thread.Sleep(300);
        lock (svc.Requests) Assert.InRange(svc.Requests.Count, 3, 1 + 2 + 2 * 4); // the first page, the two slots taken, and at most the window
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
    public void A_throttled_request_halves_the_number_in_flight_and_it_rises_again_slowly()
    {
        var log = new List<string>();
        var svc = new SlowService(2000, Records, maxLatencyMs: 5);
        svc.Before = i =>
        {
            if (i == 6) ThrottleSignal.Report(); // as the resilience pipeline does on a 429 of this request
            return Task.Delay(10);
        };
        var got = Pager.Enumerate(Records, new PageOptions { ThrottleLimit = 8 }, svc.Source(log: l => { lock (log) log.Add(l); }), i => i.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 2000), got);
        lock (log)
        {
            Assert.Contains(log, l => l.Contains("4 request(s) in flight instead of 8"));
            Assert.Contains(log, l => l.Contains("5 request(s) in flight (at most 8)"));
        }
    }

    [Fact]
    public void Additive_increase_multiplicative_decrease()
    {
        var log = new List<string>();
        var control = new ConcurrencyControl(8, log.Add);
        var before = control.Generation;
        control.Throttled();
        Assert.Equal(4, control.Current);
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
    }

    [Fact]
    public void A_long_listing_reports_progress_and_closes_it()
    {
        var progress = new List<ListingProgress>();
        var svc = new SlowService(55, Records, maxLatencyMs: 0);
        var got = Pager.Enumerate(Records, new PageOptions { ProgressDelay = TimeSpan.Zero, OnProgress = progress.Add, Skip = 5 }, svc.Source(), i => i.ToString()).ToList();
        Assert.Equal(50, got.Count);
        Assert.Equal(new long[] { 10, 20, 30, 40, 50, 50 }, progress.Select(p => p.Written));
        Assert.All(progress, p => Assert.Equal(50, p.Total));
        Assert.Equal(new[] { false, false, false, false, false, true }, progress.Select(p => p.Completed));
    }

    [Fact]
    public void Short_first_limited_or_total_less_listings_report_no_progress()
    {
        var progress = new List<ListingProgress>();
        _ = Pager.Enumerate(Records, new PageOptions { OnProgress = progress.Add }, new SlowService(55, Records, 0).Source()).ToList();          // under a second
        _ = Pager.Enumerate(Records, new PageOptions { ProgressDelay = TimeSpan.Zero, First = 30, OnProgress = progress.Add }, new SlowService(55, Records, 0).Source()).ToList();
        _ = Pager.Enumerate(Records, new PageOptions { ProgressDelay = TimeSpan.Zero, OnProgress = progress.Add }, new SlowService(55, Records, 0, sendTotal: false).Source()).ToList();
        Assert.Empty(progress);
    }

    [Fact]
    public void A_stopped_consumer_closes_the_progress_it_showed()
    {
        var progress = new List<ListingProgress>();
        var got = Pager.Enumerate(Records, new PageOptions { ProgressDelay = TimeSpan.Zero, OnProgress = progress.Add }, new SlowService(100, Records, 0).Source()).Take(25).ToList();
        Assert.Equal(25, got.Count);
        Assert.True(progress.Last().Completed);
        Assert.Equal(25, progress.Last().Written);
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
