using System.Collections.Concurrent;
using System.Net;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Waiting;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>The one polling loop, on a fake clock: rounds of one list and the details of what ended, errors, timeout and cancellation.</summary>
public sealed class WaiterTests
{
    /// <summary>Time moves only when the waiter sleeps; every sleep is recorded.</summary>
    private sealed class FakeClock : IWaitClock
    {
        public DateTimeOffset UtcNow { get; private set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public List<TimeSpan> Sleeps { get; } = new();
        public TimeSpan ListCost { get; set; }

        public void Advance(TimeSpan t) => UtcNow += t;

        public Task Delay(TimeSpan delay, CancellationToken cancellation)
        {
            cancellation.ThrowIfCancellationRequested();
            Sleeps.Add(delay);
            UtcNow += delay;
            return Task.CompletedTask;
        }
    }

    private sealed class Log
    {
        public List<string> Events { get; } = new();
        public List<WaitTimeoutException> Timeouts { get; } = new();

        public WaitObserver Observer => new()
        {
            Running = (i, o) => Events.Add($"running {i.Id} {o.Status} {o.Percent}"),
            Ended = (i, o) => Events.Add($"ended {i.Id} {o.Status} {o.Result}"),
            Failed = (i, e) => Events.Add($"failed {i.Id} {e.ErrorId}"),
            TimedOut = (i, e) => { Events.Add($"timeout {i.Id}"); Timeouts.Add(e); },
        };
    }

    private static readonly HuaweiCloudClient Client = new(
        new ClientContext(new FixedSigningCredentials(new HuaweiCloudCredentials("AK", "SK", null, "test")), "cn-north-4", "p",
            new Dictionary<CloudService, Uri>()), new PlainOperationHost());

    private static WaitItem Item(string id, string? scope = null) => new(id, scope, Client);

    /// <summary>
    /// A service in memory: each task runs for its number of list reads, then has <paramref name="final"/>; the list
    /// holds every known task (ids not in <paramref name="runningLists"/> are unknown: their detail is not found).
    /// Every request is recorded.
    /// </summary>
    private sealed class Scripted(Dictionary<string, int> runningLists, FakeClock clock, string final = "SUCCESS")
    {
        private readonly Dictionary<string, int> _lists = new();
        public ConcurrentQueue<string> Requests { get; } = new();
        public Func<string, string?>? DetailStatus { get; set; }

        private string StatusOf(string id) => _lists.GetValueOrDefault(id) > runningLists[id] ? final : "MIGRATING";

        public WaitDescription Description => new(CloudService.Dcs, "test task",
            (client, scope) =>
            {
                Requests.Enqueue("list " + scope);
                // Lists of different scopes are read concurrently.
                lock (_lists)
                {
                    clock.Advance(clock.ListCost);
                    foreach (var id in runningLists.Keys) _lists[id] = _lists.GetValueOrDefault(id) + 1;
                    return runningLists.Keys.Select(id => new TaskState(id, "name-" + id, StatusOf(id), StatusOf(id) == "MIGRATING", hasPercent: true)).ToList();
                }
            },
            (item, _) =>
            {
                Requests.Enqueue("detail " + item.Id);
                if (!runningLists.ContainsKey(item.Id))
                    throw new HuaweiCloudServiceException("Test Show", HttpStatusCode.BadRequest, "T.404", $"no task {item.Id}", "rid");
                string status;
                lock (_lists) status = DetailStatus?.Invoke(item.Id) ?? StatusOf(item.Id);
                return Task.FromResult(new TaskDetail("detail-" + item.Id, new TaskState(item.Id, "name-" + item.Id, status, status != final)));
            },
            (item, _) =>
            {
                Requests.Enqueue("percent " + item.Id);
                lock (_lists) return Task.FromResult<double?>(_lists[item.Id] * 10);
            });
    }

    private static void Run(IReadOnlyList<WaitItem> items, WaitDescription description, FakeClock clock, Log log, TimeSpan? timeout = null, int throttle = 4) =>
        new Waiter(clock).Run(items, description, TimeSpan.FromSeconds(10), timeout, log.Observer, new PlainOperationHost(), throttle);

    [Fact]
    public void Each_round_reads_one_list_then_the_percentages_of_the_running_and_the_detail_of_what_ended()
    {
        var clock = new FakeClock();
        var log = new Log();
        var service = new Scripted(new() { ["a"] = 1, ["b"] = 2 }, clock);
        var items = new[] { Item("a"), Item("b") };
        Run(items, service.Description, clock, log);
        Assert.Equal(new[]
        {
            "running a MIGRATING 10", "running b MIGRATING 10",
            "ended a SUCCESS detail-a", "running b MIGRATING 20",
            "ended b SUCCESS detail-b",
        }, log.Events);
        // One list a round for both tasks; a detail only for a task that ended, once.
        Assert.Equal(new[] { "list ", "list ", "list " }, service.Requests.Where(r => r.StartsWith("list", StringComparison.Ordinal)));
        Assert.Equal(new[] { "detail a", "detail b" }, service.Requests.Where(r => r.StartsWith("detail", StringComparison.Ordinal)));
        Assert.Equal(3, service.Requests.Count(r => r.StartsWith("percent", StringComparison.Ordinal)));
        Assert.Equal(new[] { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10) }, clock.Sleeps);
        Assert.Equal(2, items[0].Polls);
        Assert.Equal(3, items[1].Polls);
    }

    [Fact]
    public void Items_of_another_scope_are_listed_with_their_own_list()
    {
        var clock = new FakeClock();
        var service = new Scripted(new() { ["a"] = 0, ["b"] = 0 }, clock);
        Run(new[] { Item("a", "instance-1"), Item("b", "instance-2") }, service.Description, clock, new Log());
        // Read concurrently: in either order.
        Assert.Equal(new[] { "list instance-1", "list instance-2" }, service.Requests.Where(r => r.StartsWith("list", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public void The_time_a_round_takes_is_part_of_the_interval()
    {
        var clock = new FakeClock { ListCost = TimeSpan.FromSeconds(3) };
        Run(new[] { Item("a") }, new Scripted(new() { ["a"] = 1 }, clock).Description, clock, new Log());
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, clock.Sleeps);
    }

    [Fact]
    public void An_item_that_ends_at_once_costs_no_sleep()
    {
        var clock = new FakeClock();
        var log = new Log();
        Run(new[] { Item("a") }, new Scripted(new() { ["a"] = 0 }, clock).Description, clock, log);
        Assert.Equal(new[] { "ended a SUCCESS detail-a" }, log.Events);
        Assert.Empty(clock.Sleeps);
    }

    [Fact]
    public void A_task_missing_from_the_list_gets_its_detail_error_naming_it_and_the_others_go_on()
    {
        var clock = new FakeClock();
        var log = new Log();
        Run(new[] { Item("gone"), Item("a") }, new Scripted(new() { ["a"] = 1 }, clock).Description, clock, log);
        Assert.Equal(new[] { "failed gone ServiceError.T.404", "running a MIGRATING 10", "ended a SUCCESS detail-a" }, log.Events);
    }

    [Fact]
    public void A_detail_that_still_runs_keeps_the_wait_going_though_the_list_said_ended()
    {
        // The list is ahead of the detail (or the detail is in a phase such as FULLMIGRATING): not ended yet.
        var clock = new FakeClock();
        var log = new Log();
        var details = 0;
        var service = new Scripted(new() { ["a"] = 0 }, clock) { DetailStatus = _ => ++details == 1 ? "FULLMIGRATING" : null };
        Run(new[] { Item("a") }, service.Description, clock, log);
        Assert.Equal(new[] { "running a FULLMIGRATING ", "ended a SUCCESS detail-a" }, log.Events);
        Assert.Single(clock.Sleeps);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public void A_list_failure_that_would_fail_every_request_ends_the_whole_wait_at_once(HttpStatusCode status)
    {
        // A bad signature: no detail of any task (five bad signatures lock the key), no sleep.
        var clock = new FakeClock();
        var log = new Log();
        var details = 0;
        var description = new WaitDescription(CloudService.Dcs, "test task",
            (_, _) => throw new HuaweiCloudServiceException("Test List", status, "APIG.0301", "bad signature", "rid"),
            (_, _) => { details++; throw new InvalidOperationException(); });
        var error = Assert.Throws<HuaweiCloudServiceException>(() => Run(new[] { Item("a"), Item("b"), Item("c") }, description, clock, log));
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(0, details);
        Assert.Empty(log.Events);
        Assert.Empty(clock.Sleeps);
    }

    [Fact]
    public void A_detail_failure_that_would_fail_every_request_ends_the_whole_wait()
    {
        var clock = new FakeClock();
        var log = new Log();
        var description = new WaitDescription(CloudService.Dcs, "test task",
            (_, _) => Array.Empty<TaskState>(),
            (_, _) => throw new HuaweiCloudServiceException("Test Show", HttpStatusCode.Forbidden, "APIG.0302", "forbidden", "rid"));
        Assert.Throws<HuaweiCloudServiceException>(() => Run(new[] { Item("a"), Item("b") }, description, clock, log, throttle: 1));
        Assert.Empty(log.Events);
    }

    [Fact]
    public void A_list_that_fails_for_its_scope_falls_back_to_each_task_detail()
    {
        var clock = new FakeClock();
        var log = new Log();
        var description = new WaitDescription(CloudService.RocketMq, "test task",
            (_, _) => throw new HuaweiCloudServiceException("Test List", HttpStatusCode.NotFound, "DMS.00404022", "no instance", "rid"),
            (item, _) => throw new HuaweiCloudServiceException("Test Show", HttpStatusCode.NotFound, "DMS.00404022", $"no instance for {item.Id}", "rid"));
        Run(new[] { Item("a", "i"), Item("b", "i") }, description, clock, log);
        Assert.Equal(new[] { "failed a ServiceError.DMS.00404022", "failed b ServiceError.DMS.00404022" }, log.Events);
    }

    [Fact]
    public async Task Details_are_read_concurrently_within_the_throttle_limit()
    {
        // Ten tasks end in the first list; the reads wait at a gate that opens when four are in flight: with no
        // concurrency the wait would never pass it, with no limit more than four would be in flight.
        var inFlight = 0;
        var most = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ids = Enumerable.Range(0, 10).Select(i => "t" + i).ToList();
        var description = new WaitDescription(CloudService.Drs, "test job",
            (_, _) => Array.Empty<TaskState>(),
            async (item, cancellation) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                lock (gate) most = Math.Max(most, now);
                if (now == 4) gate.TrySetResult();
                await gate.Task.WaitAsync(cancellation);
                Interlocked.Decrement(ref inFlight);
                return new TaskDetail(item.Id, new TaskState(item.Id, null, "SUCCESS", running: false));
            });
        var log = new Log();
        var run = Task.Run(() => Run(ids.Select(id => Item(id)).ToList(), description, new FakeClock(), log));
        await run.WaitAsync(TimeSpan.FromSeconds(30)); // a TimeoutException: the reads were not concurrent
        Assert.Equal(4, most);
        Assert.Equal(ids.Select(id => $"ended {id} SUCCESS {id}"), log.Events);
    }

    [Fact]
    public void The_timeout_is_not_overslept_and_gives_each_running_item_a_WaitTimeout()
    {
        var clock = new FakeClock();
        var log = new Log();
        var items = new[] { Item("slow"), Item("quick") };
        Run(items, new Scripted(new() { ["slow"] = 100, ["quick"] = 1 }, clock).Description, clock, log, TimeSpan.FromSeconds(25));
        // Rounds at 0, 10, 20 and a last one at the deadline (25 s), then the timeout.
        Assert.Equal(new[] { 10, 10, 5 }, clock.Sleeps.Select(s => (int)s.TotalSeconds));
        Assert.Equal(4, items[0].Polls);
        Assert.Equal("timeout slow", log.Events.Last());
        Assert.Contains("ended quick SUCCESS detail-quick", log.Events);
        var e = Assert.Single(log.Timeouts);
        Assert.Equal("WaitTimeout", e.ErrorId);
        Assert.Equal("slow", e.Id);
        Assert.Contains("'name-slow' (slow) is still MIGRATING (40%) after 25 s", e.Message);
    }

    [Fact]
    public void A_zero_timeout_polls_once()
    {
        var clock = new FakeClock();
        var log = new Log();
        Run(new[] { Item("a") }, new Scripted(new() { ["a"] = 5 }, clock).Description, clock, log, TimeSpan.Zero);
        Assert.Equal(new[] { "running a MIGRATING 10", "timeout a" }, log.Events);
        Assert.Empty(clock.Sleeps);
    }

    [Fact]
    public void Cancellation_ends_the_wait_during_the_sleep()
    {
        using var cancel = new CancellationTokenSource();
        var log = new Log();
        var host = new PlainOperationHost(cancel.Token);
        var rounds = 0;
        var description = new WaitDescription(CloudService.Dcs, "test task",
            (_, _) =>
            {
                if (++rounds == 1) cancel.CancelAfter(100);
                return new[] { new TaskState("a", null, "MIGRATING", running: true) };
            },
            (_, _) => throw new InvalidOperationException());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Waiter(SystemWaitClock.Instance).Run(new[] { Item("a") }, description, TimeSpan.FromMinutes(5), null, log.Observer, host));
        // The sleep is 5 minutes: ending within a minute means the cancellation ended it (load cannot stretch it that far).
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void The_poll_interval_is_at_least_a_second()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Waiter(new FakeClock()).Run(new[] { Item("a") },
            new WaitDescription(CloudService.Dcs, "t", (_, _) => throw new InvalidOperationException(), (_, _) => throw new InvalidOperationException()),
            TimeSpan.FromMilliseconds(500), null, new Log().Observer, new PlainOperationHost()));
    }
}
