using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Waiting;
using MigrationTools.Errors;
using MigrationTools.Hosting;

namespace MigrationTools.CmdletBases;

/// <summary>
/// The Wait-* cmdlets: ids are gathered from the parameters and the pipeline, then the core's <see cref="Waiter"/>
/// polls them all together in EndProcessing, like Wait-Job. Progress reads at 80 columns: each task's bar starts with
/// its name, at most <see cref="MaxTaskBars"/> task bars are open at once (the others wait their turn), under a parent
/// bar that counts running, ended and failed tasks.
/// </summary>
public abstract class WaitCmdlet : HuaweiCloudCmdlet
{
    /// <summary>Task bars open at once, at most: more would push the parent bar off an 80x25 console.</summary>
    internal const int MaxTaskBars = 10;
    private const int ParentActivityId = 1;
    private readonly List<WaitItem> _items = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<WaitItem, int> _activityIds = new();
    private readonly HashSet<WaitItem> _done = new();
    private readonly List<WaitItem> _shown = new();
    private int _ended;
    private int _failed;

    /// <summary>Seconds between two polls, 1 to 86400.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int PollInterval { get; set; } = 10;

    /// <summary>
    /// Seconds to wait at most (like Wait-Job). A task still running then gets a non-terminating error (ErrorId
    /// WaitTimeout, category OperationTimeout) and is not written; tasks that ended are written. 0 polls once.
    /// </summary>
    /// <value>no limit</value>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Timeout { get; set; }

    /// <summary>
    /// Requests in flight at most for the details and percentages of one poll (1 to 64). A throttled request (429)
    /// is retried with backoff.
    /// </summary>
    /// <value>$env:MIGRATIONTOOLS_THROTTLE_LIMIT when set</value>
    [Parameter]
    [ValidateRange(1, Core.Paging.PageOptions.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = Core.Paging.PageOptions.DefaultThrottleLimit;
    /// <summary>How the service's tasks are polled and when they end.</summary>
    internal abstract WaitDescription Description { get; }

    /// <summary>The ids of the current record (its id parameter).</summary>
    private protected abstract string[] Ids { get; }

    /// <summary>What the ids live in, of the current record (the RocketMQ instance); none by default.</summary>
    private protected virtual string? Scope => null;

    protected sealed override CloudService Service => Description.Service;

    /// <summary>The name of the id parameter (TaskId, JobId), for errors.</summary>
    private protected abstract string IdParameter { get; }

    /// <summary>The name of the scope's parameter (InstanceId), for errors; none by default.</summary>
    private protected virtual string? ScopeParameter => null;

    // Each task is added with the connection the current record names; a task given twice is waited for once.
    protected sealed override void ProcessRecord()
    {
        // The ids are checked as they come, as the Get-* cmdlets check theirs: before any request, by one rule.
        RunTerminating(() =>
        {
            if (ScopeParameter is { } scope) ApiRequest.ValidateSegment(Scope, scope);
            foreach (var id in Ids) ApiRequest.ValidateSegment(id, IdParameter);
        });
        foreach (var id in Ids)
        {
            RunTerminating(() =>
            {
                var client = Client;
                var key = string.Join("\n", client.Context.Region, client.Context.ProjectId, Scope, id);
                if (_seen.Add(key)) _items.Add(new WaitItem(id, Scope, client));
            }, id);
        }
    }

    protected override void EndProcessing()
    {
        if (_items.Count > 0)
        {
            for (var i = 0; i < _items.Count; i++) _activityIds[_items[i]] = ParentActivityId + 1 + i;
            TimeSpan? timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? TimeSpan.FromSeconds(Timeout) : null;
            var throttle = Core.Paging.PageOptions.ResolveThrottleLimit(
                MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)) ? ThrottleLimit : null, Core.Connection.ProcessEnvironment.Instance);
            try
            {
                // A failure that would fail every poll (credentials, 401/403, no answer) ends the cmdlet: terminating.
                var observer = new WaitObserver { Running = Running, Ended = Ended, Failed = Failed, TimedOut = TimedOut };
                RunTerminating(() => new Waiter().Run(_items, Description, TimeSpan.FromSeconds(PollInterval), timeout, observer, OperationHost, throttle));
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            if (Many) WriteProgress(new ProgressRecord(ParentActivityId, ParentActivity, Counts()) { RecordType = ProgressRecordType.Completed });
        }
        base.EndProcessing();
    }

    private bool Many => _items.Count > 1;

    private string ParentActivity => $"Waiting for {_items.Count} {Description.Noun}s";

    private string Counts() => $"{_items.Count - _done.Count} running, {_ended} ended, {_failed} failed";

    private void Running(WaitItem item, WaitObservation observation)
    {
        this.WriteVerboseLine($"{Waiter.Describe(item)}: {observation.Status}{PercentText(observation)} (poll {item.Polls}).");
        if (!_shown.Contains(item) && _shown.Count < MaxTaskBars) _shown.Add(item);
        Progress(item, observation);
    }

    private void Ended(WaitItem item, WaitObservation observation)
    {
        this.WriteVerboseLine($"{Waiter.Describe(item)}: {observation.Status}{PercentText(observation)}, the wait ended after {item.Polls} poll(s).");
        Done(item, MigrationWaits.IsFailure(observation.Status));
        WriteObject(observation.Result);
    }

    private void Failed(WaitItem item, HuaweiCloudException error)
    {
        Done(item, failed: true);
        var record = ErrorRecords.From(error, item.Id);
        // A task that is gone (deleted) is missing from the list and its detail is not found: say which one.
        if (!error.Message.Contains(item.Id))
            record.ErrorDetails = new ErrorDetails($"The {Description.Noun} {Waiter.Describe(item)}: {error.Message}");
        WriteError(record);
    }

    private void TimedOut(WaitItem item, WaitTimeoutException error)
    {
        Done(item, failed: true);
        WriteError(ErrorRecords.From(error, item.Id));
    }

    // The item's bar (if it had one) is closed, and its place goes to the next task still waiting for one.
    private void Done(WaitItem item, bool failed)
    {
        _done.Add(item);
        if (failed) _failed++;
        else _ended++;
        if (_shown.Remove(item)) WriteBar(item, item.Last, completed: true);
        var next = _items.FirstOrDefault(i => !_done.Contains(i) && !_shown.Contains(i) && i.Last is not null);
        if (next is not null && _shown.Count < MaxTaskBars)
        {
            _shown.Add(next);
            WriteBar(next, next.Last, completed: false);
        }
        else WriteParent();
    }

    private void Progress(WaitItem item, WaitObservation observation)
    {
        if (_shown.Contains(item)) WriteBar(item, observation, completed: false);
        else WriteParent();
    }

    private void WriteParent()
    {
        if (!Many) return;
        WriteProgress(new ProgressRecord(ParentActivityId, ParentActivity, Counts()) { PercentComplete = _done.Count * 100 / _items.Count });
    }

    // A task's bar: its name first (the id before the list named it), then its status and percentage.
    private void WriteBar(WaitItem item, WaitObservation? seen, bool completed)
    {
        WriteParent();
        var name = string.IsNullOrEmpty(seen?.Name) ? item.Id : seen!.Name!;
        var record = new ProgressRecord(_activityIds[item], name, seen is null ? "waiting" : $"{seen.Status}{PercentText(seen)}")
        {
            ParentActivityId = Many ? ParentActivityId : -1,
            PercentComplete = seen?.Percent is { } p ? (int)Math.Floor(p) : -1,
            CurrentOperation = $"{Description.Noun} {item.Id}",
            RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        WriteProgress(record);
    }

    private static string PercentText(WaitObservation o) =>
        o.Percent is { } p ? $", {p.ToString("0.#", CultureInfo.InvariantCulture)}%" : string.Empty;
}
