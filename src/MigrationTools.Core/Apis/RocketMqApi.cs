using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Json;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;

namespace MigrationTools.Core.Apis;

/// <summary>Distributed Message Service for RocketMQ metadata migration APIs (host dms).</summary>
public static partial class RocketMqApi
{
    /// <summary>Host dms. 400 DMS.00405011: no such metadata task; 404 DMS.00404022: no such instance.</summary>
    public static readonly ServiceApi Api = new(CloudService.RocketMq, RocketMqJson.Default, "DMS.00405011", "DMS.00404022");

    /// <summary>What the DMS APIs answer with: the records of each list (as List&lt;T&gt;). A task's metadata is
    /// read from its wire form (MigrationJsonContext).</summary>
    [JsonSerializable(typeof(List<RocketMqMigrationTask>))]
    [JsonSerializable(typeof(List<RocketMqInstance>))]
    internal sealed partial class RocketMqJson : JsonSerializerContext { }

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
    internal static readonly ListApi<RocketMqMigrationTask> MigrationTasks = new(
        "RocketMQ ListRocketMqMigrationTask", Api,
        new PagingRule(OffsetKind.PageNumber, minLimit: 1, maxLimit: 1000, defaultLimit: 500, limitDocumented: false),
        records: "task", total: "total", task => task.TaskId);

    /// <summary>The RocketMQ engine in DMS ListInstances as the SDKs spell it since 2024 (ListInstancesRequest's enum,
    /// InstanceDetail.engine); kafka and rabbitmq are the other engines.</summary>
    public const string Engine = "rocketmq";

    /// <summary>The RocketMQ engine's older name, which services before 2024 know only and newer ones take as an alias.</summary>
    public const string LegacyEngine = "reliability";

    /// <summary>Whether an instance's engine is RocketMQ, in either spelling.</summary>
    public static bool IsRocketMq(string? engine) =>
        string.Equals(engine, Engine, StringComparison.OrdinalIgnoreCase) || string.Equals(engine, LegacyEngine, StringComparison.OrdinalIgnoreCase);

    /// <summary>DMS ListInstances (host dms, as the metadata API): offset is a record offset from 0, limit 1-50.</summary>
    internal static readonly ListApi<RocketMqInstance> Instances = new(
        "DMS ListInstances (RocketMQ)", Api,
        new PagingRule(OffsetKind.RecordOffset, minLimit: 1, maxLimit: 50, defaultLimit: 50),
        records: "instances", total: "instance_num", instance => instance.InstanceId);

    /// <summary>
    /// The RocketMQ instances of the project, whichever spelling of the engine the service knows: engine=rocketmq
    /// first; when the service refuses it (400) or finds no RocketMQ instance with it, engine=reliability (one more
    /// listing, usually one request; its refusal after an answer to rocketmq means there is none). An instance is kept
    /// only if its engine is rocketmq or reliability, so an instance of another engine (Kafka, RabbitMQ) is never
    /// returned, even from a service that ignores the filter; an instance in both answers is returned once.
    /// </summary>
    public static IEnumerable<RocketMqInstance> ListInstances(HuaweiCloudClient client, PageOptions paging)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var refused = new Refusal();
        foreach (var instance in UntilRefused(client, Engine, paging, seen, refused, tolerate: true)) yield return instance;
        if (seen.Count > 0) yield break;
        // Refused twice is a real error (the second is thrown); refused once, the other spelling is the one it knows.
        foreach (var instance in UntilRefused(client, LegacyEngine, paging, seen, refused, tolerate: !refused.Happened)) yield return instance;
    }

    private sealed class Refusal
    {
        public bool Happened { get; set; }
    }

    /// <summary>One engine's listing; a 400 on its first page ends it (noted in <paramref name="refused"/>) when
    /// <paramref name="tolerate"/>, instead of failing the listing.</summary>
    private static IEnumerable<RocketMqInstance> UntilRefused(HuaweiCloudClient client, string engine, PageOptions paging,
        HashSet<string> seen, Refusal refused, bool tolerate)
    {
        using var current = ListInstancesOf(client, engine, paging).GetEnumerator();
        var any = false;
        while (true)
        {
            try
            {
                if (!current.MoveNext()) yield break;
            }
            catch (HuaweiCloudServiceException e) when (tolerate && !any && e.StatusCode == HttpStatusCode.BadRequest)
            {
                client.Host.Log(LogLevel.Verbose, $"DMS ListInstances refused engine={engine} ({e.ErrorCode} {e.ErrorMessage}): " +
                    "the service knows the RocketMQ engine by its other name.");
                refused.Happened = true;
                yield break;
            }
            any = true;
            if (seen.Add(current.Current.InstanceId!)) yield return current.Current;
        }
    }

    private static IEnumerable<RocketMqInstance> ListInstancesOf(HuaweiCloudClient client, string engine, PageOptions paging) =>
        Instances.List(client, () => Instances.Request($"/v2/{ApiHelpers.ProjectSegment(client)}/instances")
                .With("engine", engine), paging)
            .Where(i => IsRocketMq(i.Engine) && !string.IsNullOrEmpty(i.InstanceId));

    /// <summary>
    /// The tasks of every RocketMQ instance of the project, instance after instance, each carrying its InstanceId;
    /// -First, -Skip and -IncludeTotalCount apply to the whole listing.
    /// </summary>
    public static PagedListing<RocketMqMigrationTask> ListAllMigrationTasks(HuaweiCloudClient client, PageOptions paging) =>
        ConcatenatedListing.Enumerate(ListInstances(client, paging.Settings()), paging,
            (instance, part) => ListMigrationTasks(client, instance.InstanceId!, part));

    public static PagedListing<RocketMqMigrationTask> ListMigrationTasks(HuaweiCloudClient client, string instanceId, PageOptions paging) =>
        MigrationTasks.List(client, () => MigrationTasks.Request(PathOf(client, instanceId)).Within("instance", instanceId), paging,
            task => task.InstanceId = instanceId);

    private const string DetailOperation = "RocketMQ ListRocketMqMigrationTask (task detail)";

    /// <summary>The same API with ?id=: one task, whose metadata (json_content, a JSON string) is parsed.</summary>
    /// <param name="type">vhost, exchange, queue or all (needed for rabbitToRocket tasks, ignored for rocketmq ones).</param>
    /// <param name="name">For exchanges, the vhost; for queues, "vhost-exchange".</param>
    public static RocketMqMigrationTaskDetail GetMigrationTask(HuaweiCloudClient client, string instanceId, string taskId, string? type, string? name)
    {
        const string operation = DetailOperation;
        var queryType = type ?? AllMetadata;
        // Narrowed to one list (vhost, exchange, queue), the metadata comes a page at a time, with the list's total:
        // ask for pages of the listing's default size and merge them, page numbers from 1 like the task list.
        var narrowed = queryType != AllMetadata;
        RocketMqMigrationTaskDetailWire? first = null;
        RocketMqMetadataContent? firstContent = null;
        RocketMqMetadataContent Fetch(long? page, int limit)
        {
            var request = Api.Request(operation, PathOf(client, instanceId))
                .About("task", taskId).Within("instance", instanceId)
                .With("id", taskId)
                .With("type", queryType)
                .With("name", name);
            if (page.HasValue) MigrationTasks.Page(request, page.Value, limit);
            var wire = client.Send(request, MigrationJsonContext.Default.RocketMqMigrationTaskDetailWire);
            first ??= wire;
            var content = ParseContent(request.Shown, wire.JsonContent);
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
            merged.TopicConfigTable = firstContent?.Topics;
            merged.SubscriptionGroupTable = firstContent?.Groups;
        }
        if (first is null) throw new InvalidOperationException("The task detail was not requested.");
        return DetailOf(client, instanceId, taskId, first, Narrow(merged, queryType, name), queryType);
    }

    /// <summary>
    /// The same API with ?id= and type=all, without blocking: one task with its whole metadata in one request (a wait
    /// reads the details of the tasks that ended concurrently).
    /// </summary>
    public static async Task<RocketMqMigrationTaskDetail> GetMigrationTaskAsync(HuaweiCloudClient client, string instanceId, string taskId, CancellationToken cancellation)
    {
        var request = Api.Request(DetailOperation, PathOf(client, instanceId)).With("id", taskId).With("type", AllMetadata)
            .About("task", taskId).Within("instance", instanceId);
        var wire = await client.SendAsync(request, MigrationJsonContext.Default.RocketMqMigrationTaskDetailWire, cancellation).ConfigureAwait(false);
        return DetailOf(client, instanceId, taskId, wire, ParseContent(DetailOperation, wire.JsonContent), AllMetadata);
    }

    private static RocketMqMigrationTaskDetail DetailOf(HuaweiCloudClient client, string instanceId, string taskId,
        RocketMqMigrationTaskDetailWire first, RocketMqMetadataContent merged, string queryType)
    {
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
            MetadataType = queryType,
            Topics = new ReadableList<RocketMqTopicConfig>(merged.Topics?.Where(kv => kv.Value is not null).Select(kv => { kv.Value.TopicName ??= kv.Key; return kv.Value; })),
            SubscriptionGroups = new ReadableList<RocketMqSubscriptionGroup>(merged.Groups?.Where(kv => kv.Value is not null).Select(kv => { kv.Value.GroupName ??= kv.Key; return kv.Value; })),
        };
        return ApiHelpers.Stamp(client, detail);
    }

    /// <summary>
    /// What -Type and -Name ask for is what is written, whatever the service sent: a service may answer a narrowed
    /// request with the whole metadata (and rocketmq tasks always do). vhost keeps the vhosts; exchange the exchanges
    /// (of vhost <paramref name="name"/>); queue the queues (bound to the exchange "vhost-exchange", when the answer
    /// carries the bindings to tell).
    /// </summary>
    private static RocketMqMetadataContent Narrow(RocketMqMetadataContent all, string type, string? name)
    {
        var narrowed = new RocketMqMetadataContent();
        switch (type)
        {
            case AllMetadata: return all;
            case "vhost":
                narrowed.Vhosts = all.Vhosts;
                break;
            case "exchange":
                narrowed.Exchanges = all.Exchanges?.Where(e => name is null || e.Vhost is null || e.Vhost == name).ToList();
                break;
            case "queue":
                var bound = name is null || all.Bindings is not { Count: > 0 } ? null
                    : new HashSet<string>(all.Bindings.Where(b => $"{b.Vhost}-{b.Source}" == name).Select(b => $"{b.Vhost}/{b.Destination}"));
                narrowed.Queues = all.Queues?.Where(q => bound is null || bound.Contains($"{q.Vhost}/{q.Name}")).ToList();
                break;
        }
        return narrowed;
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
