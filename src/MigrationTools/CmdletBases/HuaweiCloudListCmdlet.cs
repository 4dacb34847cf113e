using System.Management.Automation;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Paging;
using MigrationTools.Errors;

namespace MigrationTools.CmdletBases;

/// <summary>
/// A cmdlet over a paged list API. Subclasses declare [Cmdlet(SupportsPaging = true)], so PowerShell gives them
/// -First, -Skip and -IncludeTotalCount; pages are requested as the pipeline consumes the records.
/// </summary>
public abstract class HuaweiCloudListCmdlet : HuaweiCloudCmdlet
{
    private int? _pageSize;

    /// <summary>
    /// <para>Records per request: the limit sent to the list API. It changes how many requests a listing costs, never
    /// which records are returned. The accepted range is the API's, given in the description (Paging); a value
    /// outside it stops the cmdlet before any request with the error PageSizeOutOfRange.</para>
    /// <para>When not given: the API's default (chosen from measurements; see the README's Performance section).
    /// With -First smaller than a page, the module asks for no more records than -First.</para>
    /// </summary>
    /// <value>the API's default; no more than -First</value>
    [Parameter]
    public int PageSize
    {
        get => _pageSize ?? PagingRule.DefaultLimit;
        set => _pageSize = value;
    }

    /// <summary>
    /// Requests in flight at most while listing (1 to 64). Once the first page tells the total, the other pages
    /// are requested concurrently and written in the service's order. 1 requests one page after another. A
    /// throttled request (429) lowers the number for the rest of the listing; -Verbose says when it changes.
    /// </summary>
    /// <value>$env:MIGRATIONTOOLS_THROTTLE_LIMIT when set</value>
    [Parameter]
    [ValidateRange(1, Core.Paging.PageOptions.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = Core.Paging.PageOptions.DefaultThrottleLimit;

    /// <summary>
    /// The list API this cmdlet pages through, named once: its service, its paging rule (-PageSize's range and
    /// default) and its records follow from it.
    /// </summary>
    internal abstract Core.Apis.IListApi Listing { get; }

    internal sealed override Core.Apis.IApiOperation? Operation => Listing;

    /// <summary>The paging rule of the API, for -PageSize.</summary>
    internal PagingRule PagingRule => Listing.Paging;

    // -Skip and -First over the ids of a by-id call, counted across all the input piped to this command.
    private ulong _idsSkipped;
    private ulong _idsTaken;

    /// <summary>
    /// The ids of a by-id call (-TaskId, -JobId): every one checked by the core's id rule before the first request
    /// (a terminating InvalidId naming <paramref name="parameter"/>), then narrowed by -Skip and -First as a
    /// listing's records are: -First 2 asks for two, also when the ids are piped in one by one. No request is made
    /// for an id left out.
    /// </summary>
    internal IEnumerable<string> PagedIds(IReadOnlyList<string> ids, string parameter)
    {
        RunTerminating(() => { foreach (var id in ids) ApiRequest.ValidateSegment(id, parameter); });
        return Paged(ids);
    }

    private IEnumerable<string> Paged(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            if (_idsSkipped < PagingParameters.Skip)
            {
                _idsSkipped++;
                continue;
            }
            if (_idsTaken >= PagingParameters.First) yield break;
            _idsTaken++;
            yield return id;
        }
    }

    protected override void BeginProcessing()
    {
        if (MyInvocation.BoundParameters.ContainsKey(nameof(PageSize)) && (PageSize < PagingRule.MinLimit || PageSize > PagingRule.MaxLimit))
        {
            ThrowTerminatingError(ErrorRecords.From(new HuaweiCloudConfigurationException("PageSizeOutOfRange", nameof(PageSize),
                $"-PageSize {PageSize} is out of range: this API accepts {PagingRule.MinLimit} to {PagingRule.MaxLimit} records per page."), PageSize));
        }
        base.BeginProcessing();
    }

    /// <summary>The paging the user asked for, from -First, -Skip, -IncludeTotalCount and -PageSize.</summary>
    internal PageOptions PageOptions() => new()
    {
        PageSize = MyInvocation.BoundParameters.ContainsKey(nameof(PageSize)) ? PageSize : null,
        ThrottleLimit = Core.Paging.PageOptions.ResolveThrottleLimit(
            MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)) ? ThrottleLimit : null, Core.Connection.ProcessEnvironment.Instance),
        Skip = (long)System.Math.Min(PagingParameters.Skip, long.MaxValue),
        First = PagingParameters.First == ulong.MaxValue ? null : (long)System.Math.Min(PagingParameters.First, long.MaxValue),
        OnTotal = PagingParameters.IncludeTotalCount
            ? total => WriteObject(total.HasValue ? PagingParameters.NewTotalCount((ulong)total.Value, 1.0) : PagingParameters.NewTotalCount(0, 0.0))
            : null,
        OnWarning = WriteWarning,
    };

    /// <summary>The garbage bound of this command's listing ($env:MIGRATIONTOOLS_LISTING_GARBAGE_MB), or null when turned off.</summary>
    private static GarbageBound? ListingGarbageBound()
    {
        var budget = GarbageBound.ResolveBudget(Core.Connection.ProcessEnvironment.Instance);
        return budget > 0 ? new GarbageBound(budget) : null;
    }

    // One bar per cmdlet: a long listing shows records so far of the total, and the bar is closed when it ends.
    private void WriteListingProgress(ListingProgress progress)
    {
        var record = new ProgressRecord(ProgressActivityId, MyInvocation.MyCommand.Name,
            string.Format(System.Globalization.CultureInfo.CurrentCulture, "{0:N0} of {1:N0} records", progress.Written, progress.Total))
        {
            PercentComplete = progress.Percent,
            RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        WriteProgress(record);
    }

    private const int ProgressActivityId = 0x4d54; // "MT"

    /// <summary>
    /// Writes each record as its page arrives; on one connection a failed page ends the cmdlet with its error, and a
    /// long listing shows a progress bar. Over several profiles, regions or projects, the targets are listed
    /// concurrently and written in order, -First, -Skip and -IncludeTotalCount apply to the whole, a target that
    /// fails is one non-terminating error, and no bar shows (one per listing: there is none across targets).
    /// Either way one garbage bound, on this thread, where the written records become garbage.
    /// </summary>
    internal void WriteAll<T>(System.Func<HuaweiCloudClient, PageOptions, PagedListing<T>> list)
    {
        if (HasSeveralTargets)
        {
            var options = PageOptions();
            var garbage = ListingGarbageBound();
            long written = 0;
            // The targets' records come merged, not in pages: the bound is checked each page's worth of records.
            WriteEachTarget(options, list, (record, _) =>
            {
                WriteObject(record);
                if (garbage is not null && ++written % PageSize == 0) garbage.AfterPage();
            });
            return;
        }
        RunTerminating(() =>
        {
            var options = PageOptions();
            var watched = WatchedPages.Records(list(Client, options).AsPages(), ProgressReport.For(options, WriteListingProgress), ListingGarbageBound());
            foreach (var record in watched) WriteObject(record);
        });
    }
}
