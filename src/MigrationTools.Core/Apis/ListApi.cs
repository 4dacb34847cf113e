using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;

namespace MigrationTools.Core.Apis;

/// <summary>
/// The description of a paged list API: its name, service, paging rule, answer type and where the records and
/// the total are in the answer. <see cref="List"/> turns it into a stream of records, stamped with their region
/// and project.
/// </summary>
public sealed class ListApi<TPage, TItem> : IListApi where TItem : class, IRegionalResource
{
    private readonly JsonTypeInfo<TPage> _pageType;
    private readonly Func<TPage, IReadOnlyList<TItem>?> _items;
    private readonly Func<TPage, long?> _total;
    private readonly Func<TItem, string?> _key;
    private JsonTypeInfo<TItem>? _itemType;

    internal ListApi(string operation, ServiceApi api, PagingRule paging, JsonTypeInfo<TPage> pageType,
        Func<TPage, IReadOnlyList<TItem>?> items, Func<TPage, long?> total, Func<TItem, string?> key)
    {
        Operation = operation;
        Api = api;
        Paging = paging;
        _pageType = pageType;
        _items = items;
        _total = total;
        _key = key;
    }

    public string Operation { get; }
    string IApiOperation.Name => Operation;
    public ServiceApi Api { get; }
    public CloudService Service => Api.Service;
    public PagingRule Paging { get; }
    public Type RecordType => typeof(TItem);

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
        var page = await client.SendAsync(request, _pageType, pageRequest.Cancellation).ConfigureAwait(false);
        // The read path has dropped null records already (every page type is an IRecordPage), with a warning.
        var items = _items(page) ?? Array.Empty<TItem>();
        foreach (var item in items)
        {
            item.Region = client.Context.Region;
            item.ProjectId = client.Context.ProjectId;
            stamp?.Invoke(item);
        }
        var total = _total(page);
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
        _itemType ??= _pageType.Options.GetTypeInfo(typeof(TItem)) as JsonTypeInfo<TItem>;
        return _itemType is null ? null : "\0" + JsonSerializer.Serialize(item, _itemType);
    }
}
