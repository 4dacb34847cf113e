using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;

namespace MigrationTools.Core.Waiting;

/// <summary>One thing to wait for: its id, the scope it lives in (the RocketMQ instance) and the client to poll with.</summary>
public sealed class WaitItem
{
    public WaitItem(string id, string? scope, HuaweiCloudClient client)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Scope = scope;
        Client = client ?? throw new ArgumentNullException(nameof(client));
    }

    public string Id { get; }
    public string? Scope { get; }
    public HuaweiCloudClient Client { get; }

    /// <summary>Polls made so far.</summary>
    public int Polls { get; internal set; }

    /// <summary>What the last poll saw (null before the first).</summary>
    public WaitObservation? Last { get; internal set; }
}

/// <summary>What one poll saw: the object to write when the wait ends, its name and status, whether it ended, and its progress.</summary>
public sealed class WaitObservation
{
    public WaitObservation(object result, string? name, string status, bool ended, double? percent)
    {
        Result = result ?? throw new ArgumentNullException(nameof(result));
        Name = name;
        Status = status;
        Ended = ended;
        Percent = percent;
    }

    public object Result { get; }
    public string? Name { get; }
    public string Status { get; }
    public bool Ended { get; }
    /// <summary>0-100 when the service tells it (DCS stats), else null.</summary>
    public double? Percent { get; }
}

/// <summary>How a service is waited for: the service polled, its noun, for messages, and one poll (fetch the status,
/// say whether it ended, and how far it is).</summary>
public sealed class WaitDescription
{
    public WaitDescription(CloudService service, string noun, Func<WaitItem, WaitObservation> poll)
    {
        Service = service;
        Noun = noun;
        Poll = poll;
    }

    /// <summary>The service whose endpoint and credentials the polls use.</summary>
    public CloudService Service { get; }
    /// <summary>E.g. "DCS migration task".</summary>
    public string Noun { get; }
    public Func<WaitItem, WaitObservation> Poll { get; }
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
    /// <summary>A poll saw the item still running.</summary>
    public Action<WaitItem, WaitObservation> Running { get; set; } = (_, _) => { };
    /// <summary>The item ended: <see cref="WaitObservation.Result"/> is its final object. Called once per item.</summary>
    public Action<WaitItem, WaitObservation> Ended { get; set; } = (_, _) => { };
    /// <summary>A poll failed for good (transient failures were already retried by the client): the item's wait ends.</summary>
    public Action<WaitItem, HuaweiCloudException> Failed { get; set; } = (_, _) => { };
    /// <summary>The timeout passed with the item still running.</summary>
    public Action<WaitItem, WaitTimeoutException> TimedOut { get; set; } = (_, _) => { };
}

/// <summary>A wait that ran out of time (-Timeout) while the task was still running.</summary>
public sealed class WaitTimeoutException : HuaweiCloudException
{
    public WaitTimeoutException(string message, string id) : base(message) => Id = id;

    public string Id { get; }
    public override string ErrorId => "WaitTimeout";
}

/// <summary>
/// The one polling loop of the module: polls every pending item once per round, reports each item's end once, and
/// sleeps (cancellably) until the next round or the timeout, whichever comes first. At the timeout the items still
/// running are polled one last time, then given a <see cref="WaitTimeoutException"/>.
/// </summary>
public sealed class Waiter
{
    private readonly IWaitClock _clock;

    public Waiter(IWaitClock? clock = null) => _clock = clock ?? SystemWaitClock.Instance;

    /// <param name="host">Blocks on the sleep and cancels it (Ctrl+C ends the wait within the host's pump interval).</param>
    public void Run(IReadOnlyList<WaitItem> items, WaitDescription description, TimeSpan pollInterval, TimeSpan? timeout,
        WaitObserver observer, IOperationHost host)
    {
        if (items is null) throw new ArgumentNullException(nameof(items));
        if (description is null) throw new ArgumentNullException(nameof(description));
        if (pollInterval < TimeSpan.FromSeconds(1)) throw new ArgumentOutOfRangeException(nameof(pollInterval), "The poll interval is at least one second.");
        if (timeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout));

        var start = _clock.UtcNow;
        DateTimeOffset? deadline = timeout.HasValue ? start + timeout.Value : null;
        var pending = items.ToList();
        while (pending.Count > 0)
        {
            var roundStart = _clock.UtcNow;
            foreach (var item in pending.ToList())
            {
                WaitObservation seen;
                try
                {
                    item.Polls++;
                    seen = description.Poll(item);
                }
                catch (HuaweiCloudException error) when (!error.FailsEveryRequest)
                {
                    // This task's own failure (deleted, not found...); the others go on. One that would fail every
                    // poll (credentials, 401/403, no answer) ends the whole wait instead, from the caller.
                    pending.Remove(item);
                    observer.Failed(item, error);
                    continue;
                }
                item.Last = seen;
                if (seen.Ended)
                {
                    pending.Remove(item);
                    observer.Ended(item, seen);
                }
                else
                {
                    observer.Running(item, seen);
                }
            }
            if (pending.Count == 0) break;

            var now = _clock.UtcNow;
            if (deadline.HasValue && now >= deadline.Value)
            {
                var waited = now - start;
                foreach (var item in pending)
                    observer.TimedOut(item, new WaitTimeoutException(
                        $"The {description.Noun} {Describe(item)} is still {item.Last?.Status ?? "running"}" +
                        (item.Last?.Percent is { } p ? $" ({p.ToString("0.#", CultureInfo.InvariantCulture)}%)" : "") +
                        $" after {Seconds(waited)} (-Timeout {Seconds(timeout!.Value)}); it goes on without this wait.", item.Id));
                break;
            }

            var wakeUp = roundStart + pollInterval;
            if (deadline.HasValue && deadline.Value < wakeUp) wakeUp = deadline.Value;
            var sleep = wakeUp - now;
            if (sleep > TimeSpan.Zero) host.Wait(Sleep(sleep, host.Cancellation));
            host.Cancellation.ThrowIfCancellationRequested();
        }
    }

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
