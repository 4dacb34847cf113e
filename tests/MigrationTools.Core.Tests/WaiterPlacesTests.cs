using System.Collections.Concurrent;
using System.Net;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Waiting;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>
/// Waits over several places (regions, projects, profiles): each place's list a round, the places' lists
/// concurrently, an id given for several places found by its list or its detail, a place that fails for good ending
/// its own items only. Requests are counted; nothing sleeps (the clock is a fake that never waits).
/// </summary>
public sealed class WaiterPlacesTests
{
    private sealed class NoSleep : IWaitClock
    {
        public DateTimeOffset UtcNow { get; private set; } = DateTimeOffset.UnixEpoch;
        public Task Delay(TimeSpan delay, CancellationToken cancellation)
        {
            UtcNow += delay;
            return Task.CompletedTask;
        }
    }

    private static WaitPlace Place(string region) => new(new HuaweiCloudClient(
        new ClientContext(new FixedSigningCredentials(new HuaweiCloudCredentials("AK", "SK", null, "test")), region, "p-" + region,
            new Dictionary<CloudService, Uri>()), new PlainOperationHost()), "region " + region);

    /// <summary>
    /// A DRS-like service in several regions: its list shows the running jobs only; each job runs for its number of
    /// list reads of its region. A refused region answers every request with 401. Every request is recorded.
    /// </summary>
    private sealed class Service(Dictionary<string, Dictionary<string, int>> jobs)
    {
        private readonly Dictionary<(string, string), int> _reads = new();
        public ConcurrentQueue<string> Requests { get; } = new();
        public HashSet<string> Refused { get; } = new();
        public Action<string>? OnList { get; set; }

        private static string RegionOf(HuaweiCloudClient client) => client.Context.Region!;

        private bool Running(string region, string id) => _reads.GetValueOrDefault((region, id)) <= jobs[region][id];

        private void Check(string region)
        {
            if (Refused.Contains(region))
                throw new HuaweiCloudServiceException("Test", HttpStatusCode.Unauthorized, "APIG.0301", "Incorrect IAM authentication information", "rid");
        }

        public WaitDescription Description => new(CloudService.Drs, "test job",
            (client, _) =>
            {
                var region = RegionOf(client);
                Requests.Enqueue("list " + region);
                OnList?.Invoke(region);
                Check(region);
                lock (_reads)
                {
                    foreach (var id in jobs[region].Keys) _reads[(region, id)] = _reads.GetValueOrDefault((region, id)) + 1;
                    return jobs[region].Keys.Where(id => Running(region, id)).Select(id => new TaskState(id, null, "TRANSFERRING", running: true)).ToList();
                }
            },
            (item, _) =>
            {
                var region = RegionOf(item.Client);
                Requests.Enqueue($"detail {region} {item.Id}");
                Check(region);
                if (!jobs[region].ContainsKey(item.Id))
                    throw new HuaweiCloudServiceException("Test Show", HttpStatusCode.NotFound, "DRS.404", $"no job {item.Id}", "rid");
                lock (_reads)
                {
                    var running = Running(region, item.Id);
                    return Task.FromResult(new TaskDetail($"{region}/{item.Id}", new TaskState(item.Id, null, running ? "TRANSFERRING" : "SUCCESS", running)));
                }
            });
    }

    private sealed class Log
    {
        public ConcurrentQueue<string> Events { get; } = new();
        public WaitObserver Observer => new()
        {
            Running = (i, o) => Events.Enqueue($"running {i.Id}"),
            Ended = (i, o) => Events.Enqueue($"ended {o.Result}"),
            Failed = (i, e) => Events.Enqueue($"failed {i.Id} {e.ErrorId}"),
            TimedOut = (i, e) => Events.Enqueue($"timeout {i.Id}"),
            PlaceFailed = (p, e, lost) => Events.Enqueue($"place failed {p} {e.ErrorId}: {string.Join(",", lost.Select(i => i.Id))}"),
        };
    }

    private static void Run(IEnumerable<WaitItem> items, Service service, Log log, int placesAtOnce = 16) =>
        new Waiter(new NoSleep()).Run(items.ToList(), service.Description, TimeSpan.FromSeconds(10), null, log.Observer, new PlainOperationHost(), 4, placesAtOnce);

    [Fact]
    public void Each_place_is_listed_once_a_round_and_each_job_detailed_once_as_it_ends_in_its_own_place()
    {
        // Two regions of 20 jobs each, ending after 1, 2 or 3 list reads: three rounds of one list per region.
        var jobs = new[] { "a", "b" }.ToDictionary(r => r, r => Enumerable.Range(0, 20).ToDictionary(i => $"{r}{i}", i => 1 + i % 3));
        var service = new Service(jobs);
        var log = new Log();
        var (a, b) = (Place("a"), Place("b"));
        Run(jobs.SelectMany(r => r.Value.Keys.Select(id => new WaitItem(id, null, new[] { r.Key == "a" ? a : b }))), service, log);

        Assert.Equal(40, log.Events.Count(e => e.StartsWith("ended", StringComparison.Ordinal)));
        foreach (var (region, ids) in jobs)
        {
            // Rounds 1-3 see jobs running; round 4 sees the last ones ended: at most one more list than rounds of a single region.
            Assert.Equal(4, service.Requests.Count(q => q == "list " + region));
            foreach (var id in ids.Keys) Assert.Equal(1, service.Requests.Count(q => q == $"detail {region} {id}"));
            Assert.Contains($"ended {region}/{region}0", log.Events);
        }
        Assert.Equal(2 * 4 + 40, service.Requests.Count);
    }

    [Fact]
    public void An_id_given_for_several_places_is_found_by_the_list_that_shows_it_and_then_polled_there_only()
    {
        var jobs = new Dictionary<string, Dictionary<string, int>> { ["a"] = new() { ["x"] = 5 }, ["b"] = new() { ["y"] = 2 } };
        var service = new Service(jobs);
        var log = new Log();
        var places = new[] { Place("a"), Place("b") };
        Run(new[] { new WaitItem("y", null, places) }, service, log);

        Assert.Equal("ended b/y", log.Events.Last());
        Assert.Equal(1, service.Requests.Count(q => q == "list a"));  // the first round only
        Assert.Equal(3, service.Requests.Count(q => q == "list b"));
        Assert.Equal(new[] { "detail b y" }, service.Requests.Where(q => q.StartsWith("detail", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_id_no_list_shows_is_looked_up_by_its_detail_in_each_place_and_one_none_has_is_not_found()
    {
        // "done" has ended (no list shows it) in region b; "nowhere" is in no region.
        var jobs = new Dictionary<string, Dictionary<string, int>> { ["a"] = new() { ["x"] = 5 }, ["b"] = new() { ["done"] = 0 } };
        var service = new Service(jobs);
        var log = new Log();
        var places = new[] { Place("a"), Place("b") };
        Run(new[] { new WaitItem("done", null, places), new WaitItem("nowhere", null, places) }, service, log);

        Assert.Equal(new[] { "ended b/done", "failed nowhere ServiceError.DRS.404" }, log.Events);
        Assert.Equal(new[] { "detail a done", "detail a nowhere", "detail b done", "detail b nowhere" },
            service.Requests.Where(q => q.StartsWith("detail", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public void A_place_that_refuses_the_keys_is_one_failure_its_jobs_end_with_it_and_the_others_are_waited_for()
    {
        var jobs = new Dictionary<string, Dictionary<string, int>>
        {
            ["a"] = new() { ["a1"] = 2, ["a2"] = 2 },
            ["refused"] = new() { ["r1"] = 1, ["r2"] = 1 },
            ["b"] = new() { ["b1"] = 1 },
        };
        var service = new Service(jobs);
        service.Refused.Add("refused");
        var log = new Log();
        var places = jobs.Keys.ToDictionary(r => r, Place);
        // Jobs of one place each, and one id given for every place.
        var items = jobs.SelectMany(r => r.Value.Keys.Select(id => new WaitItem(id, null, new[] { places[r.Key] }))).ToList();
        items.Add(new WaitItem("b1", null, places.Values.ToList()));
        Run(items, service, log);

        Assert.Equal("place failed region refused ServiceError.APIG.0301: r1,r2", Assert.Single(log.Events, e => e.StartsWith("place failed", StringComparison.Ordinal)));
        Assert.DoesNotContain(log.Events, e => e.StartsWith("failed", StringComparison.Ordinal));
        Assert.Equal(new[] { "ended a/a1", "ended a/a2", "ended b/b1", "ended b/b1" }, log.Events.Where(e => e.StartsWith("ended", StringComparison.Ordinal)).Order());
        // One refused request, never a second one (refused signatures lock the key).
        Assert.Equal(new[] { "list refused" }, service.Requests.Where(q => q.Contains("refused", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_lists_of_different_places_are_read_concurrently_within_the_places_at_once()
    {
        // Each list waits until three are in flight: read one after another, the wait would never pass it; four
        // places at most two at once: never more than two in flight (they are released in pairs).
        var inFlight = 0;
        var most = 0;
        var jobs = new[] { "a", "b", "c", "d" }.ToDictionary(r => r, r => new Dictionary<string, int> { [r + "1"] = 0 });
        var service = new Service(jobs);
        using var pairs = new Barrier(2);
        service.OnList = _ =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (service) most = Math.Max(most, now);
            pairs.SignalAndWait(TimeSpan.FromSeconds(20));
            Interlocked.Decrement(ref inFlight);
        };
        var log = new Log();
        var run = Task.Run(() => Run(jobs.Keys.Select(r => new WaitItem(r + "1", null, new[] { Place(r) })), service, log, placesAtOnce: 2));
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, most);
        Assert.Equal(4, log.Events.Count(e => e.StartsWith("ended", StringComparison.Ordinal)));
    }
}
