using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Json;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;

namespace MigrationTools.Core.Apis;

/// <summary>
/// The description of a paged list API: its name, service, paging rule, and the JSON names of the records and the
/// total in its answer. <see cref="List"/> turns it into a stream of records, stamped with their region and project.
/// </summary>
public sealed class ListApi<TItem> : IListApi where TItem : class, IRegionalResource
{
    private readonly Func<TItem, string?> _key;
    private readonly JsonTypeInfo<TItem> _itemType;

    /// <param name="operation">The API's name as users see it in errors and -Verbose.</param>
    /// <param name="api">The service (its context registers List&lt;TItem&gt;).</param>
    /// <param name="paging">What offset and limit mean, and which limits the API takes.</param>
    /// <param name="records">The JSON name of the page's list of records.</param>
    /// <param name="total">The JSON name of the listing's total, if the API sends one.</param>
    /// <param name="key">A record's id, so that no record is written twice.</param>
    internal ListApi(string operation, ServiceApi api, PagingRule paging, string records, string? total, Func<TItem, string?> key)
    {
        Operation = operation;
        Api = api;
        Paging = paging;
        PageType = RecordPage<TItem>.Describe(api.Answers, records, total);
        _itemType = api.AnswerType<TItem>();
        _key = key;
    }

    public string Operation { get; }
    string IApiOperation.Name => Operation;
    public ServiceApi Api { get; }
    public CloudService Service => Api.Service;
    public PagingRule Paging { get; }
    public Type RecordType => typeof(TItem);

    /// <summary>How the serializer reads one page of this API.</summary>
    internal JsonTypeInfo<RecordPage<TItem>> PageType { get; }

    /// <summary>A request of this API at <paramref name="path"/>; filters are added with With, paging by <see cref="List"/>.</summary>
    public ApiRequest Request(string path) => Api.Request(Operation, path);

    /// <summary>
    /// <paramref name="request"/> asking for <paramref name="limit"/> records at <paramref name="offset"/> (a record
    /// offset or a page number, as <see cref="Paging"/> says), under the API's own parameter names.
    /// </summary>
    internal ApiRequest Page(ApiRequest request, long offset, int limit) => request
        .With(Paging.OffsetParameter, offset.ToString(CultureInfo.InvariantCulture))
        .With(Paging.LimitParameter, limit.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The records of the listing, in the service's order, each once; pages are requested concurrently when the
    /// first tells the total (<see cref="PageOptions.ThrottleLimit"/>), each through the client's resilience pipeline.
    /// Handed up as the pager made it: its pages are there for the cmdlet that watches them.
    /// </summary>
    /// <param name="client">The client (connection, retries, cancellation, log).</param>
    /// <param name="newRequest">Builds the request with the filters; offset and limit are added per page. Called from any thread.</param>
    /// <param name="options">-First, -Skip, -PageSize, -ThrottleLimit and the callbacks.</param>
    /// <param name="stamp">Sets what the answer does not carry (e.g. the instance id), per record.</param>
    public PagedListing<TItem> List(HuaweiCloudClient client, Func<ApiRequest> newRequest, PageOptions options, Action<TItem>? stamp = null)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        var source = new PageSource<TItem>(
            request => FetchAsync(client, newRequest, stamp, request),
            client.Host.Wait, message => client.Host.Log(LogLevel.Verbose, $"{Operation}: {message}"), client.Host.Cancellation);
        return Pager.Enumerate(Paging, options, source, KeyOf);
    }

    private async Task<Page<TItem>> FetchAsync(HuaweiCloudClient client, Func<ApiRequest> newRequest, Action<TItem>? stamp, PageRequest pageRequest)
    {
        var (offset, limit) = (pageRequest.Offset, pageRequest.Limit);
        var request = Page(newRequest(), offset, limit);
        request.OnThrottled = pageRequest.OnThrottled;
        var page = await client.SendAsync(request, PageType, pageRequest.Cancellation).ConfigureAwait(false);
        // The read path has dropped null records already (a RecordPage is an IRecordPage), with a warning.
        var items = page.Records ?? new List<TItem>();
        foreach (var item in items)
        {
            item.Region = client.Context.Region;
            item.ProjectId = client.Context.ProjectId;
            stamp?.Invoke(item);
        }
        var total = page.Total;
        client.Host.Log(LogLevel.Verbose, $"{Operation}: {items.Count} record(s) at {Paging.OffsetParameter}={offset}, limit={limit}" +
            (total.HasValue ? $", of {total.Value}." : "."));
        return new Page<TItem>(items, total);
    }

    /// <summary>A record's id, or for a record without one its content (so that repeated records are still noticed).</summary>
    private string? KeyOf(TItem item)
    {
        // The id as it is (no string made per record); content keys start with a NUL, which JSON text never does.
        var id = _key(item);
        if (!string.IsNullOrEmpty(id)) return id;
        return "\0" + JsonSerializer.Serialize(item, _itemType);
    }
}
