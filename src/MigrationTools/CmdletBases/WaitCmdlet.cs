using System.Globalization;
using System.Management.Automation;
using MigrationTools.Core.Connection;
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
    private readonly Dictionary<string, WaitPlace?> _places = new(StringComparer.Ordinal);
    private bool _projectIdOnCommand;
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
    /// Requests in flight at most, in each region, project and profile of the wait, for the lists, details and
    /// percentages of one poll (1 to 64). A throttled request (429) is retried with backoff.
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

    // Each task is added with the places the current record names; a task given twice is waited for once.
    protected sealed override void ProcessRecord()
    {
        // The ids are checked as they come, as the Get-* cmdlets check theirs: before any request, by one rule.
        RunTerminating(() =>
        {
            if (ScopeParameter is { } scope) ApiRequest.ValidateSegment(Scope, scope);
            foreach (var id in Ids) ApiRequest.ValidateSegment(id, IdParameter);
        });
        var places = PlacesOfRecord();
        if (places.Count == 0) return;
        foreach (var id in Ids)
        {
            var key = string.Join("\n", string.Join(";", places.Select(p => p.Name)), Scope, id);
            if (_seen.Add(key)) _items.Add(new WaitItem(id, Scope, places));
        }
    }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // What the command line gave (before any piped object is bound): a -ProjectId bound later is a piped object's.
        _projectIdOnCommand = MyInvocation.BoundParameters.ContainsKey(nameof(ProjectId));
    }

    /// <summary>
    /// Where the current record's tasks may be. One target: its connection. Several (-Region a, b or *, -ProfileName
    /// a, b): each target, its tasks found in the first round; a piped object's project (its ProjectId) picks the
    /// target that has it. A target that cannot be resolved is one error naming it, written once.
    /// </summary>
    private IReadOnlyList<WaitPlace> PlacesOfRecord()
    {
        if (!HasSeveralTargets)
        {
            WaitPlace? place = null;
            RunTerminating(() => place = PlaceOf(null, ConnectionRequest().For(ProfileName?.FirstOrDefault(), Region?.FirstOrDefault(), null, oneOfSeveralRegions: false)));
            return new[] { place! };
        }
        var pipedProject = _projectIdOnCommand ? null : ProjectId;
        var places = new List<WaitPlace>();
        foreach (var target in Targets(withProjectId: pipedProject is null))
        {
            try
            {
                if (PlaceOf(target, target.Request) is { } place) places.Add(place);
            }
            catch (Exception ex) when (IsOurs(ex))
            {
                _places[target.ToString()] = null;
                WriteError(TargetError(ex, target));
            }
        }
        if (pipedProject is null) return places;
        var mine = places.Where(p => string.Equals(p.Client.Context.ProjectId, pipedProject, StringComparison.OrdinalIgnoreCase)).ToList();
        if (mine.Count == 0)
            WriteError(ErrorRecords.From(new HuaweiCloudConfigurationException("ProjectNotAmongTargets", nameof(ProjectId),
                $"The {Description.Noun}s of project {pipedProject} ({string.Join(", ", Ids)}) are in none of the command's regions and profiles " +
                $"({string.Join("; ", places.Select(p => p.Name))}): give the -Region and -ProfileName they were listed with, or none."), pipedProject));
        return mine;
    }

    /// <summary>The place of a connection, resolved once (null: a target that failed, already reported).</summary>
    private WaitPlace? PlaceOf(Target? target, ConnectionRequest request)
    {
        var key = target?.ToString() ?? string.Join("\n", request.Region, request.ProjectId, request.ProfileName, request.SessionProfileName);
        if (_places.TryGetValue(key, out var known)) return known;
        if (target?.Error is { } planned) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(planned).Throw();
        var context = ModuleServices.CreateResolver().Resolve(request, OperationHost);
        // The lists are read on threads of their own: their client blocks plainly, its log lines go to this cmdlet's queue.
        var client = new HuaweiCloudClient(context, new WorkerOperationHost(OperationHost, OperationHost.Cancellation));
        var place = new WaitPlace(client, Target.Describe(context.Region, context.ProjectId, request.ProfileName ?? request.SessionProfileName));
        _places[key] = place;
        return place;
    }

    protected override void EndProcessing()
    {
        if (_items.Count > 0)
        {
            for (var i = 0; i < _items.Count; i++) _activityIds[_items[i]] = ParentActivityId + 1 + i;
            TimeSpan? timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? TimeSpan.FromSeconds(Timeout) : null;
            var throttle = Core.Paging.PageOptions.ResolveThrottleLimit(
                MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)) ? ThrottleLimit : null, Core.Connection.ProcessEnvironment.Instance);
            var places = _items.SelectMany(i => i.Places).Distinct().ToList();
            var placesAtOnce = 1;
            RunTerminating(() => placesAtOnce = Gate.Limit);
            // Several places: every request of the command within -TotalThrottleLimit.
            if (places.Count > 1) foreach (var place in places) place.Client.Context.Gate = Gate;
            try
            {
                // A failure that would fail every poll (credentials, 401/403, no answer) ends a wait of one place:
                // terminating. Of several places, it is one error naming the place, and the others go on.
                var observer = new WaitObserver { Running = Running, Ended = Ended, Failed = Failed, TimedOut = TimedOut, PlaceFailed = PlaceFailed };
                RunTerminating(() => new Waiter().Run(_items, Description, TimeSpan.FromSeconds(PollInterval), timeout, observer, OperationHost, throttle, placesAtOnce));
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
        // An id given for several places that none of them has.
        if (item.Place is null && item.Places.Count > 1)
            record.ErrorDetails = new ErrorDetails($"The {Description.Noun} '{item.Id}' was found in none of " +
                (item.Places.Count <= 3 ? string.Join("; ", item.Places) : $"{item.Places.Count} regions, projects and profiles") + $": {error.Message}");
        // A task that is gone (deleted) is missing from the list and its detail is not found: say which one.
        else if (!error.Message.Contains(item.Id))
            record.ErrorDetails = new ErrorDetails($"The {Description.Noun} {Waiter.Describe(item)}: {error.Message}");
        WriteError(record);
    }

    // A place of several that failed for good: one error naming it; the waits of its tasks end with it.
    private void PlaceFailed(WaitPlace place, HuaweiCloudException error, IReadOnlyList<WaitItem> lost)
    {
        var record = ErrorRecords.From(error, place.Name);
        record.ErrorDetails = new ErrorDetails($"{place}: {error.Message}" +
            (lost.Count == 0 ? "" : $" The wait for {lost.Count} {Description.Noun}(s) there ended" +
                (lost.Count <= 5 ? $": {string.Join(", ", lost.Select(i => i.Id))}." : ".")));
        WriteError(record);
        foreach (var item in lost) Done(item, failed: true);
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
