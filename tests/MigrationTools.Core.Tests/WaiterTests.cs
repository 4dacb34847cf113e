using System.Net;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Waiting;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>The one polling loop, on a fake clock: rounds, ends, errors, timeout and cancellation.</summary>
public sealed class WaiterTests
{
    /// <summary>Time moves only when the waiter sleeps; every sleep is recorded.</summary>
    private sealed class FakeClock : IWaitClock
    {
        public DateTimeOffset UtcNow { get; private set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public List<TimeSpan> Sleeps { get; } = new();
        public TimeSpan PollCost { get; set; }

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
            Ended = (i, o) => Events.Add($"ended {i.Id} {o.Status}"),
            Failed = (i, e) => Events.Add($"failed {i.Id} {e.ErrorId}"),
            TimedOut = (i, e) => { Events.Add($"timeout {i.Id}"); Timeouts.Add(e); },
        };
    }

    private static readonly HuaweiCloudClient Client = new(
        new ClientContext(new StaticCredentialProvider(new HuaweiCloudCredentials("AK", "SK", null, "test")), "cn-north-4", "p",
            new Dictionary<CloudService, Uri>()), new PlainOperationHost());

    private static WaitItem Item(string id) => new(id, null, Client);

    /// <summary>A task that runs for <paramref name="runningPolls"/> polls, then has <paramref name="final"/>.</summary>
    private static WaitDescription Scripted(Dictionary<string, int> runningPolls, FakeClock clock, string final = "SUCCESS") =>
        new(CloudService.Dcs, "test task", item =>
        {
            clock.Advance(clock.PollCost);
            if (!runningPolls.TryGetValue(item.Id, out var n))
                throw new HuaweiCloudServiceException("Test Show", HttpStatusCode.BadRequest, "T.404", "not found", "rid");
            var ended = item.Polls > n;
            return new WaitObservation(item.Id, "name-" + item.Id, ended ? final : "MIGRATING", ended, ended ? 100 : item.Polls * 10);
        });

    [Fact]
    public void Polls_each_round_then_sleeps_the_interval_and_reports_each_end_once()
    {
        var clock = new FakeClock();
        var log = new Log();
        var items = new[] { Item("a"), Item("b") };
        new Waiter(clock).Run(items, Scripted(new() { ["a"] = 1, ["b"] = 2 }, clock), TimeSpan.FromSeconds(10), null, log.Observer, new PlainOperationHost());
        Assert.Equal(new[]
        {
            "running a MIGRATING 10", "running b MIGRATING 10",
            "ended a SUCCESS", "running b MIGRATING 20",
            "ended b SUCCESS",
        }, log.Events);
        Assert.Equal(new[] { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10) }, clock.Sleeps);
        Assert.Equal(2, items[0].Polls);
        Assert.Equal(3, items[1].Polls);
    }

    [Fact]
    public void The_time_a_poll_takes_is_part_of_the_interval()
    {
        var clock = new FakeClock { PollCost = TimeSpan.FromSeconds(3) };
        new Waiter(clock).Run(new[] { Item("a") }, Scripted(new() { ["a"] = 1 }, clock), TimeSpan.FromSeconds(10), null, new Log().Observer, new PlainOperationHost());
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, clock.Sleeps);
    }

    [Fact]
    public void An_item_that_ends_at_once_costs_no_sleep()
    {
        var clock = new FakeClock();
        var log = new Log();
        new Waiter(clock).Run(new[] { Item("a") }, Scripted(new() { ["a"] = 0 }, clock), TimeSpan.FromSeconds(10), null, log.Observer, new PlainOperationHost());
        Assert.Equal(new[] { "ended a SUCCESS" }, log.Events);
        Assert.Empty(clock.Sleeps);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public void A_failure_that_would_fail_every_poll_ends_the_whole_wait_at_once(HttpStatusCode status)
    {
        // A bad signature for the first task: no poll of the others (five bad signatures lock the key), no sleep.
        var clock = new FakeClock();
        var log = new Log();
        var polled = new List<string>();
        var description = new WaitDescription(CloudService.Dcs, "test task", item =>
        {
            polled.Add(item.Id);
            throw new HuaweiCloudServiceException("Test Show", status, "APIG.0301", "bad signature", "rid");
        });
        var error = Assert.Throws<HuaweiCloudServiceException>(() =>
            new Waiter(clock).Run(new[] { Item("a"), Item("b"), Item("c") }, description, TimeSpan.FromSeconds(5), null, log.Observer, new PlainOperationHost()));
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(new[] { "a" }, polled);
        Assert.Empty(log.Events);
        Assert.Empty(clock.Sleeps);
    }

    [Fact]
    public void A_failing_item_ends_with_its_error_and_the_others_go_on()
    {
        var clock = new FakeClock();
        var log = new Log();
        new Waiter(clock).Run(new[] { Item("gone"), Item("a") }, Scripted(new() { ["a"] = 1 }, clock), TimeSpan.FromSeconds(5), null, log.Observer, new PlainOperationHost());
        Assert.Equal(new[] { "failed gone ServiceError.T.404", "running a MIGRATING 10", "ended a SUCCESS" }, log.Events);
    }

    [Fact]
    public void The_timeout_is_not_overslept_and_gives_each_running_item_a_WaitTimeout()
    {
        var clock = new FakeClock();
        var log = new Log();
        var items = new[] { Item("slow"), Item("quick") };
        new Waiter(clock).Run(items, Scripted(new() { ["slow"] = 100, ["quick"] = 1 }, clock), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(25), log.Observer, new PlainOperationHost());
        // Polls at 0, 10, 20 and a last one at the deadline (25 s), then the timeout.
        Assert.Equal(new[] { 10, 10, 5 }, clock.Sleeps.Select(s => (int)s.TotalSeconds));
        Assert.Equal(4, items[0].Polls);
        Assert.Equal("timeout slow", log.Events.Last());
        Assert.Contains("ended quick SUCCESS", log.Events);
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
        new Waiter(clock).Run(new[] { Item("a") }, Scripted(new() { ["a"] = 5 }, clock), TimeSpan.FromSeconds(10), TimeSpan.Zero, log.Observer, new PlainOperationHost());
        Assert.Equal(new[] { "running a MIGRATING 10", "timeout a" }, log.Events);
        Assert.Empty(clock.Sleeps);
    }

    [Fact]
    public void Cancellation_ends_the_wait_during_the_sleep()
    {
        using var cancel = new CancellationTokenSource();
        var log = new Log();
        var host = new PlainOperationHost(cancel.Token);
        var waiter = new Waiter(SystemWaitClock.Instance);
        var description = new WaitDescription(CloudService.Dcs, "test task", item =>
        {
            if (item.Polls == 1) cancel.CancelAfter(100);
            return new WaitObservation(item.Id, null, "MIGRATING", false, null);
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            waiter.Run(new[] { Item("a") }, description, TimeSpan.FromMinutes(5), null, log.Observer, host));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void The_poll_interval_is_at_least_a_second()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Waiter(new FakeClock()).Run(new[] { Item("a") },
            new WaitDescription(CloudService.Dcs, "t", i => throw new InvalidOperationException()), TimeSpan.FromMilliseconds(500), null, new Log().Observer, new PlainOperationHost()));
    }
}
