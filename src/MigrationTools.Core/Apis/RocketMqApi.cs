using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Json;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;

namespace MigrationTools.Core.Apis;

/// <summary>Distributed Message Service for RocketMQ metadata migration APIs (host dms).</summary>
public static class RocketMqApi
{
    /// <summary>Host dms. 400 DMS.00405011: no such metadata task; 404 DMS.00404022: no such instance.</summary>
    public static readonly ServiceApi Api = new(CloudService.RocketMq, "DMS.00405011", "DMS.00404022");

    public static CloudService Service => Api.Service;

    /// <summary>The query types the page lists for type (-Type); "all" is sent when none is given.</summary>
    public static readonly IReadOnlyList<string> QueryTypes = new[] { "vhost", "exchange", "queue", AllMetadata };

    /// <summary>The query type of the whole metadata of a task.</summary>
    public const string AllMetadata = "all";

    /// <summary>
    /// ListRocketMqMigrationTask: here offset is a PAGE NUMBER starting at 1 ("Current page, starting from 1").
    /// The page gives no range for limit; 1-1000 is assumed. Default 500, for the same measured reason as DCS
    /// ListMigrationTask's.
    /// </summary>
    internal static readonly ListApi<RocketMqMigrationTaskPage, RocketMqMigrationTask> MigrationTasks = new(
        "RocketMQ ListRocketMqMigrationTask", Api,
        new PagingRule(OffsetKind.PageNumber, minLimit: 1, maxLimit: 1000, defaultLimit: 500),
        MigrationJsonContext.Default.RocketMqMigrationTaskPage,
        page => page.Task, page => page.Total, task => task.TaskId);

    /// <summary>The paging rule of ListRocketMqMigrationTask (the range -PageSize accepts).</summary>
    public static PagingRule MigrationTaskPaging => MigrationTasks.Paging;

    /// <summary>The engine of RocketMQ instances in DMS ListInstances (kafka and rabbitmq are the others).</summary>
    public const string Engine = "reliability";

    /// <summary>DMS ListInstances (host dms, as the metadata API): offset is a record offset from 0, limit 1-50.</summary>
    internal static readonly ListApi<RocketMqInstancePage, RocketMqInstance> Instances = new(
        "DMS ListInstances (RocketMQ)", Api,
        new PagingRule(OffsetKind.RecordOffset, minLimit: 1, maxLimit: 50, defaultLimit: 50),
        MigrationJsonContext.Default.RocketMqInstancePage,
        page => page.Instances, page => page.InstanceNum, instance => instance.InstanceId);

    /// <summary>
    /// The RocketMQ instances of the project. The engine is checked on each answer too: an instance of another
    /// engine (Kafka, RabbitMQ) is never returned, even from a service that ignores the engine filter.
    /// </summary>
    public static IEnumerable<RocketMqInstance> ListInstances(HuaweiCloudClient client, PageOptions paging) =>
        Instances.List(client, () => Instances.Request($"/v2/{ApiHelpers.ProjectSegment(client)}/instances")
                .With("engine", Engine), paging)
            .Where(i => string.Equals(i.Engine, Engine, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(i.InstanceId));

    /// <summary>
    /// The tasks of every RocketMQ instance of the project, instance after instance, each carrying its InstanceId;
    /// -First, -Skip and -IncludeTotalCount apply to the whole listing.
    /// </summary>
    public static IEnumerable<RocketMqMigrationTask> ListAllMigrationTasks(HuaweiCloudClient client, PageOptions paging) =>
        ConcatenatedListing.Enumerate(ListInstances(client, paging.Settings()), paging,
            (instance, part) => ListMigrationTasks(client, instance.InstanceId!, part));

    public static IEnumerable<RocketMqMigrationTask> ListMigrationTasks(HuaweiCloudClient client, string instanceId, PageOptions paging) =>
        MigrationTasks.List(client, () => MigrationTasks.Request(PathOf(client, instanceId)), paging,
            task => task.InstanceId = instanceId);

    /// <summary>The same API with ?id=: one task, whose metadata (json_content, a JSON string) is parsed.</summary>
    /// <param name="type">vhost, exchange, queue or all (needed for rabbitToRocket tasks, ignored for rocketmq ones).</param>
    /// <param name="name">For exchanges, the vhost; for queues, "vhost-exchange".</param>
    public static RocketMqMigrationTaskDetail GetMigrationTask(HuaweiCloudClient client, string instanceId, string taskId, string? type, string? name)
    {
        const string operation = "RocketMQ ListRocketMqMigrationTask (task detail)";
        var queryType = type ?? AllMetadata;
        // Narrowed to one list (vhost, exchange, queue), the metadata comes a page at a time, with the list's total:
        // ask for pages of the listing's default size and merge them, page numbers from 1 like the task list.
        var narrowed = queryType != AllMetadata;
        RocketMqMigrationTaskDetailWire? first = null;
        RocketMqMetadataContent? firstContent = null;
        RocketMqMetadataContent Fetch(long? page, int limit)
        {
            var request = Api.Request(operation, PathOf(client, instanceId))
                .With("id", taskId)
                .With("type", queryType)
                .With("name", name);
            if (page.HasValue) MigrationTasks.Page(request, page.Value, limit);
            var wire = client.Send(request, MigrationJsonContext.Default.RocketMqMigrationTaskDetailWire);
            first ??= wire;
            var content = ParseContent(operation, wire.JsonContent);
            firstContent ??= content;
            return content;
        }

        var merged = new RocketMqMetadataContent { Vhosts = new(), Exchanges = new(), Queues = new(), Bindings = new() };
        if (!narrowed) merged = Fetch(null, 0);
        else
        {
            // The pages go through the pager, so that a service that ignores the page number (or lies about the
            // total) ends like any listing: no entry twice, a page with nothing new stops, with a warning. Without
            // a total, the first page is taken for the whole list, as the service sends one then.
            var options = new PageOptions
            {
                PageSize = MigrationTasks.Paging.DefaultLimit,
                OnWarning = message => client.Host.Log(LogLevel.Warning, $"{operation}: {message}"),
            };
            var entries = Pager.Enumerate(MigrationTasks.Paging, options, (page, limit) =>
            {
                var content = Fetch(page, limit);
                var items = Entries(content);
                return new Page<MetadataEntry>(items, first!.Total ?? items.Count);
            }, entry => entry.Key);
            foreach (var entry in entries)
            {
                switch (entry.Value)
                {
                    case RabbitMqVhost v: merged.Vhosts.Add(v); break;
                    case RabbitMqExchange e: merged.Exchanges.Add(e); break;
                    case RabbitMqQueue q: merged.Queues.Add(q); break;
                    case RabbitMqBinding b: merged.Bindings.Add(b); break;
                }
            }
            merged.TopicConfigTable = firstContent?.TopicConfigTable;
            merged.SubscriptionGroupTable = firstContent?.SubscriptionGroupTable;
        }
        if (first is null) throw new InvalidOperationException("The task detail was not requested.");

        var detail = new RocketMqMigrationTaskDetail
        {
            TaskId = first.Id ?? taskId,
            TaskName = first.Name,
            StartDate = first.StartDate,
            Status = first.Status,
            Type = first.Type,
            Result = first.Result,
            InstanceId = instanceId,
            Vhosts = new ReadableList<RabbitMqVhost>(merged.Vhosts),
            Exchanges = new ReadableList<RabbitMqExchange>(merged.Exchanges),
            Queues = new ReadableList<RabbitMqQueue>(merged.Queues),
            Bindings = new ReadableList<RabbitMqBinding>(merged.Bindings),
            // The tables are keyed by name; the name is also inside each entry, but fill it in when it is not.
            Topics = new ReadableList<RocketMqTopicConfig>(merged.TopicConfigTable?.Select(kv => { kv.Value.TopicName ??= kv.Key; return kv.Value; })),
            SubscriptionGroups = new ReadableList<RocketMqSubscriptionGroup>(merged.SubscriptionGroupTable?.Select(kv => { kv.Value.GroupName ??= kv.Key; return kv.Value; })),
        };
        return ApiHelpers.Stamp(client, detail);
    }

    private static RocketMqMetadataContent ParseContent(string operation, string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return new RocketMqMetadataContent();
        try
        {
            return JsonSerializer.Deserialize(json!, MigrationJsonContext.Default.RocketMqMetadataContent) ?? new RocketMqMetadataContent();
        }
        catch (JsonException ex)
        {
            throw new MalformedResponseException(operation, HttpStatusCode.OK, MalformedKind.UnexpectedJson,
                $"its json_content is not the metadata JSON the API describes{(string.IsNullOrEmpty(ex.Path) ? "" : " at " + ex.Path)}.",
                HuaweiCloudClient.BodyStart(json!), null, ex);
        }
    }

    /// <summary>One entry of a narrowed metadata list, keyed by its kind and content (the lists have no ids).</summary>
    private sealed class MetadataEntry
    {
        public MetadataEntry(object value, string key) { Value = value; Key = key; }
        public object Value { get; }
        public string Key { get; }
    }

    private static List<MetadataEntry> Entries(RocketMqMetadataContent c)
    {
        var list = new List<MetadataEntry>();
        void Add<T>(List<T>? items, string kind, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        {
            if (items is null) return;
            foreach (var item in items)
                if (item is not null) list.Add(new MetadataEntry(item, kind + ":" + JsonSerializer.Serialize(item, type)));
        }
        Add(c.Vhosts, "vhost", MigrationJsonContext.Default.RabbitMqVhost);
        Add(c.Exchanges, "exchange", MigrationJsonContext.Default.RabbitMqExchange);
        Add(c.Queues, "queue", MigrationJsonContext.Default.RabbitMqQueue);
        Add(c.Bindings, "binding", MigrationJsonContext.Default.RabbitMqBinding);
        return list;
    }

    private static string PathOf(HuaweiCloudClient client, string instanceId) =>
        $"/v2/{ApiHelpers.ProjectSegment(client)}/instances/{ApiRequest.Segment(instanceId, "InstanceId")}/metadata";
}
