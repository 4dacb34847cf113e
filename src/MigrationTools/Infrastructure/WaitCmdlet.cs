using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Waiting;

namespace MigrationTools.Infrastructure;

/// <summary>
/// The Wait-* cmdlets: ids are gathered from the parameters and the pipeline, then the core's <see cref="Waiter"/>
/// polls them all together in EndProcessing (one progress bar per task under one parent bar), like Wait-Job.
/// </summary>
public abstract class WaitCmdlet : HuaweiCloudCmdlet
{
    private const int ParentActivityId = 1;
    private readonly List<WaitItem> _items = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<WaitItem, int> _activityIds = new();
    private int _ended;

    /// <summary>Seconds between two polls of a task, 1 to 86400.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int PollInterval { get; set; } = 10;

    /// <summary>
    /// Seconds to wait at most (like Wait-Job). A task still running then gets a non-terminating error (ErrorId
    /// WaitTimeout, category OperationTimeout) and is not written; tasks that ended are written. 0 polls each task
    /// once.
    /// </summary>
    /// <value>no limit</value>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Timeout { get; set; }

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
            try
            {
                // A failure that would fail every poll (credentials, 401/403, no answer) ends the cmdlet: terminating.
                var observer = new WaitObserver { Running = Running, Ended = Ended, Failed = Failed, TimedOut = TimedOut };
                RunTerminating(() => new Waiter().Run(_items, Description, TimeSpan.FromSeconds(PollInterval), timeout, observer, OperationHost));
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            if (_items.Count > 1) WriteProgress(new ProgressRecord(ParentActivityId, ParentActivity, "Done.") { RecordType = ProgressRecordType.Completed });
        }
        base.EndProcessing();
    }

    private string ParentActivity => $"Waiting for {_items.Count} {Description.Noun}s";

    private void Running(WaitItem item, WaitObservation observation)
    {
        this.WriteVerboseLine($"{Waiter.Describe(item)}: {observation.Status}{PercentText(observation)} (poll {item.Polls}).");
        Progress(item, observation, completed: false);
    }

    private void Ended(WaitItem item, WaitObservation observation)
    {
        this.WriteVerboseLine($"{Waiter.Describe(item)}: {observation.Status}{PercentText(observation)}, the wait ended after {item.Polls} poll(s).");
        Progress(item, observation, completed: true);
        WriteObject(observation.Result);
    }

    private void Failed(WaitItem item, HuaweiCloudException error)
    {
        Progress(item, item.Last, completed: true);
        WriteError(ErrorRecords.From(error, item.Id));
    }

    private void TimedOut(WaitItem item, WaitTimeoutException error)
    {
        Progress(item, item.Last, completed: true);
        WriteError(ErrorRecords.From(error, item.Id));
    }

    private void Progress(WaitItem item, WaitObservation? seen, bool completed)
    {
        var many = _items.Count > 1;
        if (completed) _ended++;
        if (many)
        {
            WriteProgress(new ProgressRecord(ParentActivityId, ParentActivity, $"{_ended} of {_items.Count} ended")
            {
                PercentComplete = _ended * 100 / _items.Count,
            });
        }
        var status = seen is null ? "Waiting" : $"{seen.Status}{PercentText(seen)}";
        var record = new ProgressRecord(_activityIds[item], $"Waiting for {Description.Noun} {Waiter.Describe(item)}", status)
        {
            ParentActivityId = many ? ParentActivityId : -1,
            PercentComplete = seen?.Percent is { } p ? (int)Math.Floor(p) : -1,
            RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        WriteProgress(record);
    }

    private static string PercentText(WaitObservation o) =>
        o.Percent is { } p ? $", {p.ToString("0.#", CultureInfo.InvariantCulture)}%" : string.Empty;
}
