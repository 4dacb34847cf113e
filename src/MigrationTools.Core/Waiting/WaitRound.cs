using System.Collections.Concurrent;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;

namespace MigrationTools.Core.Waiting;

/// <summary>What one round saw of an item, the error that ended its wait, or the failed place its wait ended with.</summary>
internal readonly struct WaitOutcome
{
    private WaitOutcome(WaitObservation? seen, HuaweiCloudException? error, WaitPlace? lostWith)
    {
        Seen = seen;
        Error = error;
        LostWith = lostWith;
    }

    public WaitObservation? Seen { get; }
    public HuaweiCloudException? Error { get; }
    public WaitPlace? LostWith { get; }

    public static WaitOutcome Of(WaitObservation seen) => new(seen, null, null);
    public static WaitOutcome Failed(HuaweiCloudException error) => new(null, error, null);
    public static WaitOutcome Lost(WaitPlace place) => new(null, null, place);
}

/// <summary>
/// The reads of one poll round: the list of each place and scope (places concurrently, each place's lists and reads
/// within its throttle limit), then each item's percentage or detail. A place whose requests would all fail is
/// remembered: of a wait over several places, its items are lost with it and it is not read again.
/// </summary>
internal sealed class WaitRound : IDisposable
{
    private readonly WaitDescription _description;
    private readonly IOperationHost _host;
    private readonly int _throttleLimit;
    private readonly int _placesAtOnce;
    private readonly IReadOnlyList<WaitPlace> _places;
    private readonly ConcurrentDictionary<WaitPlace, SemaphoreSlim> _throttles = new();
    private readonly ConcurrentDictionary<WaitPlace, HuaweiCloudException> _failed = new();
    private readonly HashSet<WaitPlace> _reported = new();

    public WaitRound(WaitDescription description, IOperationHost host, int throttleLimit, int placesAtOnce, IReadOnlyList<WaitPlace> places)
    {
        _description = description;
        _host = host;
        _throttleLimit = throttleLimit;
        _placesAtOnce = placesAtOnce;
        _places = places;
    }

    /// <summary>Of one place, a failure that would fail every request ends the wait (it is thrown); of several, that place.</summary>
    private bool SeveralPlaces => _places.Count > 1;

    public WaitOutcome[] Run(List<WaitItem> pending)
    {
        var lists = ReadLists(pending);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_host.Cancellation);
        var outcomes = _host.Wait(Task.WhenAll(pending.Select(item => ObserveAsync(item, lists, stop))));
        _host.Cancellation.ThrowIfCancellationRequested();
        if (!SeveralPlaces && outcomes.Select(o => o.Error).FirstOrDefault(e => e is { FailsEveryRequest: true }) is { } fatal) throw fatal;
        return outcomes;
    }

    /// <summary>The places that failed since the last call, in the order the items gave them.</summary>
    public IReadOnlyList<(WaitPlace Place, HuaweiCloudException Error)> TakeFailedPlaces()
    {
        var failed = _places.Where(p => _failed.ContainsKey(p) && _reported.Add(p)).Select(p => (p, _failed[p])).ToList();
        return failed;
    }

    // Each place and scope's list, on threads of their own (the listing blocks), at most _placesAtOnce at once.
    private ConcurrentDictionary<(WaitPlace, string?), Dictionary<string, TaskState>?> ReadLists(List<WaitItem> pending)
    {
        var groups = new ConcurrentQueue<IGrouping<(WaitPlace Place, string? Scope), string>>(pending
            .SelectMany(item => PlacesToList(item).Select(place => (place, item)))
            .GroupBy(x => (x.place, x.item.Scope), x => x.item.Id));
        var lists = new ConcurrentDictionary<(WaitPlace, string?), Dictionary<string, TaskState>?>();
        var readers = Enumerable.Range(0, Math.Min(groups.Count, _placesAtOnce)).Select(_ => Task.Factory.StartNew(() =>
        {
            while (groups.TryDequeue(out var group))
                lists[group.Key] = ReadList(group.Key.Place, group.Key.Scope, new HashSet<string>(group, StringComparer.Ordinal));
            return true;
        }, _host.Cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        _host.Wait(Task.WhenAll(readers));
        return lists;
    }

    private IEnumerable<WaitPlace> PlacesToList(WaitItem item) =>
        (item.Place is { } place ? new List<WaitPlace> { place } : item.Candidates).Where(p => !_failed.ContainsKey(p));

    // The states of the wanted ids in the list (read until all were seen); null: the list cannot be read.
    private Dictionary<string, TaskState>? ReadList(WaitPlace place, string? scope, HashSet<string> wanted)
    {
        var found = new Dictionary<string, TaskState>(StringComparer.Ordinal);
        try
        {
            var throttle = Throttle(place);
            throttle.Wait(_host.Cancellation);
            try
            {
                foreach (var state in _description.List(place.Client, scope))
                {
                    if (wanted.Contains(state.Id) && !found.ContainsKey(state.Id)) found[state.Id] = state;
                    if (found.Count == wanted.Count) break;
                }
            }
            finally
            {
                throttle.Release();
            }
            return found;
        }
        catch (HuaweiCloudException error) when (!error.FailsEveryRequest)
        {
            // The list of this scope cannot be read (e.g. no such RocketMQ instance): each task's own detail
            // tells what is wrong with it, by id.
            place.Client.Host.Log(LogLevel.Verbose, $"The list of the {_description.Noun}s of {place} failed ({error.Message}); reading each task's detail.");
            return null;
        }
        catch (HuaweiCloudException error) when (SeveralPlaces)
        {
            _failed.TryAdd(place, error);
            return null;
        }
    }

    private SemaphoreSlim Throttle(WaitPlace place) => _throttles.GetOrAdd(place, _ => new SemaphoreSlim(_throttleLimit));

    private async Task<WaitOutcome> ObserveAsync(WaitItem item, ConcurrentDictionary<(WaitPlace, string?), Dictionary<string, TaskState>?> lists, CancellationTokenSource stop)
    {
        if (item.Place is null)
        {
            item.Candidates.RemoveAll(_failed.ContainsKey);
            if (item.Candidates.Count == 0) return WaitOutcome.Lost(item.Places.Last(_failed.ContainsKey));
            item.Place = item.Candidates.FirstOrDefault(p => lists.TryGetValue((p, item.Scope), out var found) && found?.ContainsKey(item.Id) == true);
            if (item.Place is null) return await LocateAsync(item, stop).ConfigureAwait(false);
        }
        if (_failed.ContainsKey(item.Place)) return WaitOutcome.Lost(item.Place);
        var listed = lists.TryGetValue((item.Place, item.Scope), out var states) && states is not null && states.TryGetValue(item.Id, out var state) ? state : null;
        return await ObserveAtAsync(item, item.Place, listed, stop).ConfigureAwait(false);
    }

    private async Task<WaitOutcome> ObserveAtAsync(WaitItem item, WaitPlace place, TaskState? listed, CancellationTokenSource stop)
    {
        try
        {
            double? percent = null;
            if (listed is { Running: true, HasPercent: true } && _description.Percent is { } read)
                percent = await ThrottledAsync(place, () => read(item, stop.Token), stop.Token).ConfigureAwait(false);
            if (listed is not null && !listed.EndedAt(percent)) return WaitOutcome.Of(new WaitObservation(listed, percent, null));

            // Ended, or not in the list: the detail is the final object, or says why the task cannot be read.
            var detail = await ThrottledAsync(place, () => _description.Detail(item, stop.Token), stop.Token).ConfigureAwait(false);
            return Observed(detail, percent);
        }
        catch (HuaweiCloudException error)
        {
            return PlaceFailure(place, error, stop) ?? WaitOutcome.Failed(error);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return WaitOutcome.Failed(new WaitCanceledException(item.Id));
        }
    }

    // A list that runs ahead of the detail (or a detail in a phase the list does not show): still running.
    private static WaitOutcome Observed(TaskDetail detail, double? percent) =>
        WaitOutcome.Of(new WaitObservation(detail.State, percent, detail.State.EndedAt(percent) ? detail.Result : null));

    // An error that fails every request of its place: of several places, the place is lost (null for the others).
    // Of one, the reads not yet sent stop, and the round throws it.
    private WaitOutcome? PlaceFailure(WaitPlace place, HuaweiCloudException error, CancellationTokenSource stop)
    {
        if (!error.FailsEveryRequest) return null;
        if (!SeveralPlaces)
        {
            stop.Cancel();
            return null;
        }
        _failed.TryAdd(place, error);
        return WaitOutcome.Lost(place);
    }

    /// <summary>An id that no place's list showed: its detail in each place it may be in; the first that has it is its place.</summary>
    private async Task<WaitOutcome> LocateAsync(WaitItem item, CancellationTokenSource stop)
    {
        var places = item.Candidates.ToList();
        var tries = await Task.WhenAll(places.Select(place => TryDetailAsync(item, place, stop))).ConfigureAwait(false);
        for (var i = 0; i < places.Count; i++)
        {
            if (tries[i].Detail is not { } detail) continue;
            item.Place = places[i];
            return Observed(detail, null);
        }
        item.Candidates.RemoveAll(_failed.ContainsKey);
        if (item.Candidates.Count == 0) return WaitOutcome.Lost(places.Last(_failed.ContainsKey));
        var errors = tries.Select(t => t.Error).OfType<HuaweiCloudException>().ToList();
        // Another error than not-found says what is wrong; not found everywhere: the first place's answer.
        return WaitOutcome.Failed(errors.FirstOrDefault(e => e is not HuaweiCloudServiceException { IsNotFound: true } && !e.FailsEveryRequest) ?? errors.First(e => !e.FailsEveryRequest));
    }

    private async Task<(TaskDetail? Detail, HuaweiCloudException? Error)> TryDetailAsync(WaitItem item, WaitPlace place, CancellationTokenSource stop)
    {
        var probe = new WaitItem(item.Id, item.Scope, new[] { place });
        try
        {
            return (await ThrottledAsync(place, () => _description.Detail(probe, stop.Token), stop.Token).ConfigureAwait(false), null);
        }
        catch (HuaweiCloudException error)
        {
            PlaceFailure(place, error, stop);
            return (null, error);
        }
    }

    private async Task<T> ThrottledAsync<T>(WaitPlace place, Func<Task<T>> read, CancellationToken cancellation)
    {
        var throttle = Throttle(place);
        await throttle.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return await read().ConfigureAwait(false);
        }
        finally
        {
            throttle.Release();
        }
    }

    public void Dispose()
    {
        foreach (var throttle in _throttles.Values) throttle.Dispose();
    }

    /// <summary>A read stopped because another read of the round failed for good; never reported (the round throws that one).</summary>
    private sealed class WaitCanceledException : HuaweiCloudException
    {
        public WaitCanceledException(string id) : base($"The read of '{id}' was stopped.") { }
        public override string ErrorId => "WaitCanceled";
    }
}
