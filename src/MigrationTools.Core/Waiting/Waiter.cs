using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;

namespace MigrationTools.Core.Waiting;

/// <summary>
/// One thing to wait for: its id, the scope it lives in (the RocketMQ instance) and where it may live: one place,
/// or (ids given by hand to a command over several regions or profiles) each of the command's targets, until a
/// list or a detail shows which one has it.
/// </summary>
public sealed class WaitItem
{
    public WaitItem(string id, string? scope, HuaweiCloudClient client) : this(id, scope, new[] { new WaitPlace(client) }) { }

    public WaitItem(string id, string? scope, IReadOnlyList<WaitPlace> places)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Scope = scope;
        if (places is null || places.Count == 0) throw new ArgumentException("An item needs a place to be waited for in.", nameof(places));
        Places = places;
        Candidates = places.ToList();
        if (places.Count == 1) Place = places[0];
    }

    public string Id { get; }
    public string? Scope { get; }

    /// <summary>Where the item may live, as given.</summary>
    public IReadOnlyList<WaitPlace> Places { get; }

    /// <summary>Where it lives: the one place given, or the place whose list or detail showed it; null until then.</summary>
    public WaitPlace? Place { get; internal set; }

    /// <summary>The client of its place (the first place given while it is not found yet).</summary>
    public HuaweiCloudClient Client => (Place ?? Places[0]).Client;

    /// <summary>Places still to look in while the item is not found (failed places are left out).</summary>
    internal List<WaitPlace> Candidates { get; }

    /// <summary>Poll rounds that looked at this item so far.</summary>
    public int Polls { get; internal set; }

    /// <summary>What the last round saw (null before the first).</summary>
    public WaitObservation? Last { get; internal set; }
}

/// <summary>What a list or a detail says of one task: its name and status, and whether that status means it runs.</summary>
public sealed class TaskState
{
    /// <param name="hasPercent">A running task whose percentage can be read (DCS online migrations: their stats).</param>
    /// <param name="endsWithFullPhase">A task that ends its wait when its percentage reaches 100 although still running
    /// (a DCS incremental migration keeps syncing).</param>
    public TaskState(string id, string? name, string status, bool running, bool hasPercent = false, bool endsWithFullPhase = false)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Name = name;
        Status = status ?? throw new ArgumentNullException(nameof(status));
        Running = running;
        HasPercent = hasPercent;
        EndsWithFullPhase = endsWithFullPhase;
    }

    public string Id { get; }
    public string? Name { get; }
    public string Status { get; }
    public bool Running { get; }
    public bool HasPercent { get; }
    public bool EndsWithFullPhase { get; }

    /// <summary>Whether the wait for this task is over, given the percentage read this round (if any).</summary>
    public bool EndedAt(double? percent) => !Running || (EndsWithFullPhase && percent >= 100);
}

/// <summary>What one round saw of an item: its state, its percentage, and when it ended, its final object.</summary>
public sealed class WaitObservation
{
    public WaitObservation(TaskState state, double? percent, object? result)
    {
        State = state ?? throw new ArgumentNullException(nameof(state));
        Percent = percent.HasValue ? Math.Max(0, Math.Min(100, percent.Value)) : null;
        Result = result;
    }

    public TaskState State { get; }
    public string? Name => State.Name;
    public string Status => State.Status;
    /// <summary>0-100 when the service tells it (DCS stats), else null.</summary>
    public double? Percent { get; }
    /// <summary>The final object (the detail) once the task ended; null while it runs.</summary>
    public object? Result { get; }
    public bool Ended => Result is not null;
}

/// <summary>The detail of one task: the object a wait writes, and the state it says.</summary>
public sealed class TaskDetail
{
    public TaskDetail(object result, TaskState state)
    {
        Result = result ?? throw new ArgumentNullException(nameof(result));
        State = state ?? throw new ArgumentNullException(nameof(state));
    }

    public object Result { get; }
    public TaskState State { get; }
}

/// <summary>
/// How a service is waited for: its list (the state of many tasks in one request), the detail of one task (its final
/// object) and, where the service has one, a running task's percentage.
/// </summary>
public sealed class WaitDescription
{
    /// <param name="list">The states of the tasks of one client and scope, in the service's order, page after page
    /// (read until every wanted id was seen, or to the end). A task that has ended may be left out (DRS lists the
    /// running jobs only): its detail is read.</param>
    /// <param name="detail">One task's detail.</param>
    /// <param name="percent">A running task's percentage (null: none to read yet); null when the service has none.</param>
    public WaitDescription(Endpoints.CloudService service, string noun,
        Func<HuaweiCloudClient, string?, IEnumerable<TaskState>> list,
        Func<WaitItem, CancellationToken, Task<TaskDetail>> detail,
        Func<WaitItem, CancellationToken, Task<double?>>? percent = null)
    {
        Service = service ?? throw new ArgumentNullException(nameof(service));
        Noun = noun;
        List = list ?? throw new ArgumentNullException(nameof(list));
        Detail = detail ?? throw new ArgumentNullException(nameof(detail));
        Percent = percent;
    }

    /// <summary>The service whose endpoint and credentials the polls use.</summary>
    public Endpoints.CloudService Service { get; }
    /// <summary>E.g. "DCS migration task".</summary>
    public string Noun { get; }
    public Func<HuaweiCloudClient, string?, IEnumerable<TaskState>> List { get; }
    public Func<WaitItem, CancellationToken, Task<TaskDetail>> Detail { get; }
    public Func<WaitItem, CancellationToken, Task<double?>>? Percent { get; }
}

/// <summary>The time source of a wait: real time in use, a fake clock in tests.</summary>
public interface IWaitClock
{
    DateTimeOffset UtcNow { get; }
    Task Delay(TimeSpan delay, CancellationToken cancellation);
}

public sealed class SystemWaitClock : IWaitClock
{
    public static readonly SystemWaitClock Instance = new();
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
    public Task Delay(TimeSpan delay, CancellationToken cancellation) => Task.Delay(delay, cancellation);
}

/// <summary>What the caller hears of a wait, on the thread that runs it (a class of callbacks, not an interface, so a
/// cmdlet type never implements a type of this assembly: PowerShell loads cmdlet types before the module's resolver).</summary>
public sealed class WaitObserver
{
    /// <summary>A round saw the item still running.</summary>
    public Action<WaitItem, WaitObservation> Running { get; set; } = (_, _) => { };
    /// <summary>The item ended: <see cref="WaitObservation.Result"/> is its final object. Called once per item.</summary>
    public Action<WaitItem, WaitObservation> Ended { get; set; } = (_, _) => { };
    /// <summary>A read failed for good (transient failures were already retried by the client): the item's wait ends.</summary>
    public Action<WaitItem, HuaweiCloudException> Failed { get; set; } = (_, _) => { };
    /// <summary>The timeout passed with the item still running.</summary>
    public Action<WaitItem, WaitTimeoutException> TimedOut { get; set; } = (_, _) => { };
    /// <summary>
    /// Of a wait over several places, one failed for good (its credentials refused, no answer): called once per place,
    /// with the items whose only place it was (their waits end with it); the other places go on.
    /// </summary>
    public Action<WaitPlace, HuaweiCloudException, IReadOnlyList<WaitItem>> PlaceFailed { get; set; } = (_, _, _) => { };
}

/// <summary>A wait that ran out of time (-Timeout) while the task was still running.</summary>
public sealed class WaitTimeoutException : HuaweiCloudException
{
    public WaitTimeoutException(string message, string id) : base(message) => Id = id;

    public string Id { get; }
    public override string ErrorId => "WaitTimeout";
}

/// <summary>
/// The one polling loop of the module. Each round reads the list of every place (region, project, credentials) and
/// scope the pending items live in (one page holds hundreds of tasks), the lists of different places concurrently,
/// then, concurrently within each place's throttle limit, the percentage of the running tasks that have one and the
/// detail of each task that ended (its final object) or that no list showed (a deleted task gets the detail's
/// error; an id given for several places is looked for in each). Each item's end is reported once, in the order the
/// items were given; between rounds it sleeps (cancellably) until the next round or the timeout, whichever comes
/// first. At the timeout the items still running are polled one last time, then given a <see cref="WaitTimeoutException"/>.
/// A failure that would fail every request of a place (credentials refused, no answer) ends a wait of one place; of
/// several places, it ends that place's items with one <see cref="WaitObserver.PlaceFailed"/> and the others go on.
/// </summary>
public sealed class Waiter
{
    private readonly IWaitClock _clock;

    public Waiter(IWaitClock? clock = null) => _clock = clock ?? SystemWaitClock.Instance;

    /// <param name="host">Blocks on the reads and the sleep, and cancels them (Ctrl+C ends the wait within the host's pump interval).</param>
    /// <param name="throttleLimit">Reads in flight at most for each place.</param>
    /// <param name="placesAtOnce">Places whose lists are read at once, at most.</param>
    public void Run(IReadOnlyList<WaitItem> items, WaitDescription description, TimeSpan pollInterval, TimeSpan? timeout,
        WaitObserver observer, IOperationHost host, int throttleLimit = Paging.PageOptions.DefaultThrottleLimit, int placesAtOnce = Http.RequestGate.DefaultLimit)
    {
        if (items is null) throw new ArgumentNullException(nameof(items));
        if (description is null) throw new ArgumentNullException(nameof(description));
        if (observer is null) throw new ArgumentNullException(nameof(observer));
        if (host is null) throw new ArgumentNullException(nameof(host));
        if (pollInterval < TimeSpan.FromSeconds(1)) throw new ArgumentOutOfRangeException(nameof(pollInterval), "The poll interval is at least one second.");
        if (timeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout));
        if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit));
        if (placesAtOnce < 1) throw new ArgumentOutOfRangeException(nameof(placesAtOnce));

        var start = _clock.UtcNow;
        DateTimeOffset? deadline = timeout.HasValue ? start + timeout.Value : null;
        using var round = new WaitRound(description, host, throttleLimit, placesAtOnce, items.SelectMany(i => i.Places).Distinct().ToList());
        var pending = items.ToList();
        while (pending.Count > 0)
        {
            var roundStart = _clock.UtcNow;
            var outcomes = round.Run(pending);
            Report(pending, outcomes, round, observer);
            pending = pending.Where((_, i) => outcomes[i].Seen is { Ended: false }).ToList();
            if (pending.Count == 0) break;

            var now = _clock.UtcNow;
            if (deadline.HasValue && now >= deadline.Value)
            {
                foreach (var item in pending) observer.TimedOut(item, TimedOut(item, description, now - start, timeout!.Value));
                break;
            }

            var wakeUp = roundStart + pollInterval;
            if (deadline.HasValue && deadline.Value < wakeUp) wakeUp = deadline.Value;
            var sleep = wakeUp - now;
            if (sleep > TimeSpan.Zero) host.Wait(Sleep(sleep, host.Cancellation));
            host.Cancellation.ThrowIfCancellationRequested();
        }
    }

    // The places that failed this round first (each once, with the items that had no other place), then each item.
    private static void Report(List<WaitItem> pending, WaitOutcome[] outcomes, WaitRound round, WaitObserver observer)
    {
        foreach (var (place, error) in round.TakeFailedPlaces())
            observer.PlaceFailed(place, error, pending.Where((_, i) => outcomes[i].LostWith == place).ToList());
        for (var i = 0; i < pending.Count; i++)
        {
            var (item, outcome) = (pending[i], outcomes[i]);
            if (outcome.LostWith is not null) continue;
            item.Polls++;
            if (outcome.Error is { } error)
            {
                observer.Failed(item, error);
                continue;
            }
            item.Last = outcome.Seen;
            if (outcome.Seen!.Ended) observer.Ended(item, outcome.Seen);
            else observer.Running(item, outcome.Seen);
        }
    }

    private static WaitTimeoutException TimedOut(WaitItem item, WaitDescription description, TimeSpan waited, TimeSpan timeout) => new(
        $"The {description.Noun} {Describe(item)} is still {item.Last?.Status ?? "running"}" +
        (item.Last?.Percent is { } p ? $" ({p.ToString("0.#", CultureInfo.InvariantCulture)}%)" : "") +
        $" after {Seconds(waited)} (-Timeout {Seconds(timeout)}); it goes on without this wait.", item.Id);

    private async Task<bool> Sleep(TimeSpan delay, CancellationToken cancellation)
    {
        await _clock.Delay(delay, cancellation).ConfigureAwait(false);
        return true;
    }

    /// <summary>The item as messages name it: 'name' (id), or 'id' before its name is known.</summary>
    public static string Describe(WaitItem item)
    {
        var name = item.Last?.Name;
        return string.IsNullOrEmpty(name) || name == item.Id ? $"'{item.Id}'" : $"'{name}' ({item.Id})";
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
