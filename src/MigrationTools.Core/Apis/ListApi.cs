using System;
using System.Collections.Generic;
using System.Globalization;
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
public sealed class ListApi<TPage, TItem> where TItem : class, IRegionalResource
{
    private readonly JsonTypeInfo<TPage> _pageType;
    private readonly Func<TPage, IReadOnlyList<TItem>?> _items;
    private readonly Func<TPage, long?> _total;
    private readonly Func<TItem, string?> _key;

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
    public ServiceApi Api { get; }
    public CloudService Service => Api.Service;
    public PagingRule Paging { get; }

    /// <summary>A request of this API at <paramref name="path"/>; filters are added with With, paging by <see cref="List"/>.</summary>
    public ApiRequest Request(string path) => Api.Request(Operation, path);

    /// <param name="newRequest">Builds the request with the filters; offset and limit are added per page.</param>
    /// <param name="stamp">Sets what the answer does not carry (e.g. the instance id), per record.</param>
    public IEnumerable<TItem> List(HuaweiCloudClient client, Func<ApiRequest> newRequest, PageOptions options, Action<TItem>? stamp = null)
    {
        return Pager.Enumerate(Paging, options, (offset, limit) =>
        {
            var request = newRequest()
                .With(Paging.OffsetParameter, offset.ToString(CultureInfo.InvariantCulture))
                .With(Paging.LimitParameter, limit.ToString(CultureInfo.InvariantCulture));
            var page = client.Send(request, _pageType);
            var items = _items(page) ?? Array.Empty<TItem>();
            foreach (var item in items)
            {
                if (item is null) continue;
                item.Region = client.Context.Region;
                item.ProjectId = client.Context.ProjectId;
                stamp?.Invoke(item);
            }
            var total = _total(page);
            client.Host.Log(LogLevel.Verbose, $"{Operation}: {items.Count} record(s) at {Paging.OffsetParameter}={offset}, limit={limit}" +
                (total.HasValue ? $", of {total.Value}." : "."));
            return new Page<TItem>(items, total);
        }, _key);
    }
}
