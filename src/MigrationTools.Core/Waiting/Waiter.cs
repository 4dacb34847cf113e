using System.Globalization;
using MigrationTools.Core.Http;

namespace MigrationTools.Core.Waiting;

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
