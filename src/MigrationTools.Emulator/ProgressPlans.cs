using System.Collections.Concurrent;

namespace MigrationTools.Emulator;

/// <summary>
/// Makes chosen tasks progress over time, so a client's waiting can be tested: a task with a plan is running (DCS
/// MIGRATING, DRS TRANSFERRING, RocketMQ starting) for its first <see cref="ProgressPlan.Polls"/> reads of its state,
/// or until <see cref="ProgressPlan.After"/> has passed, then has its final status. A read is a detail (DCS
/// ShowMigrationTask, DRS ShowReplicationJob, RocketMQ metadata with ?id=) or a list request that shows the task (DCS
/// and RocketMQ: a page that holds it; DRS: every list request, whose filters read each job's status), as a client
/// that polls by listing reads it; the DCS stats show the same state without counting. Tasks without a plan keep the
/// data set's status, unless <see cref="EndRunningTasks"/> gave the running ones of the data set a plan of their own
/// when first read.
/// </summary>
public sealed class ProgressPlans
{
    private readonly ConcurrentDictionary<string, Entry> _plans = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private IReadOnlySet<string> _running = new HashSet<string>();
    private TimeSpan _runningFor;

    internal ProgressPlans(TimeProvider time) => _time = time;

    private sealed class Entry(ProgressPlan plan, DateTimeOffset start)
    {
        public ProgressPlan Plan { get; } = plan;
        public DateTimeOffset Start { get; } = start;
        public int Reads;
    }

    public void Set(ProgressPlan plan)
    {
        if (plan.Polls is null && plan.After is null) throw new ArgumentException("A plan needs polls or seconds.");
        if (plan.Polls < 0 || plan.After < TimeSpan.Zero) throw new ArgumentException("polls and seconds cannot be negative.");
        _plans[plan.Id] = new Entry(plan, _time.GetUtcNow());
    }

    public void Clear() => _plans.Clear();

    /// <summary>The tasks running in the data set (<paramref name="runningIds"/>) end <paramref name="after"/> the
    /// first read of each (a list, a detail or the stats): a person trying a wait sees it end, whenever they try it.</summary>
    public void EndRunningTasks(TimeSpan after, IEnumerable<string> runningIds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(after, TimeSpan.Zero);
        _runningFor = after;
        _running = new HashSet<string>(runningIds, StringComparer.Ordinal);
    }

    public IReadOnlyList<ProgressPlan> Snapshot() => _plans.Values.Select(e => e.Plan).ToList();

    /// <summary>The state of a task with a plan (null without one); <paramref name="poll"/> counts this read.</summary>
    internal ProgressState? Observe(string id, bool poll)
    {
        if (!_plans.TryGetValue(id, out var e))
        {
            if (!_running.Contains(id)) return null;
            e = _plans.GetOrAdd(id, _ => new Entry(new ProgressPlan(id, After: _runningFor), _time.GetUtcNow()));
        }
        int reads = poll ? Interlocked.Increment(ref e.Reads) : Volatile.Read(ref e.Reads);
        double fraction;
        if (e.Plan.Polls is { } n)
            fraction = reads > n ? 1 : (double)reads / (n + 1);
        else
        {
            var after = e.Plan.After!.Value;
            var elapsed = _time.GetUtcNow() - e.Start;
            fraction = elapsed >= after ? 1 : elapsed.TotalMilliseconds / Math.Max(1, after.TotalMilliseconds);
        }
        return new ProgressState(fraction >= 1, Math.Round(Math.Min(1, fraction) * 100, 1), e.Plan.FinalStatus, e.Plan.RunningStatus);
    }
}

internal sealed record ProgressState(bool Ended, double Percent, string? FinalStatus, string? RunningStatus = null)
{
    public string Status(string running, string final) => Ended ? FinalStatus ?? final : running;

    /// <summary>The status of the detail route, which may name the running phase.</summary>
    public string DetailStatus(string running, string final) => Ended ? FinalStatus ?? final : RunningStatus ?? running;
}
