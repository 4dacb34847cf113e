using System.Text.Json.Nodes;
using MigrationTools.Emulator.Gateway;

namespace MigrationTools.Emulator.Routes;

internal static partial class ApiRoutes
{
    /// <summary>The DMS APIs (host dms.{region}): RocketMQ metadata migration and the instances.</summary>
    private static void MapRocketMq(WebApplication app)
    {
        var dms = new RouteKindMetadata(RouteKind.Project, ErrorStyle.Plain);
        app.MapGet("/v2/{project_id}/instances/{instance_id}/metadata", RocketMqMetadata).WithMetadata(dms);
        app.MapGet("/v2/{project_id}/instances", DmsListInstances).WithMetadata(dms);
    }

    // DMS for RocketMQ, GET /v2/{project_id}/instances/{instance_id}/metadata.
    // - offset is a PAGE NUMBER starting at 1 (page: "Current page, starting from 1"); default 1. What the service does
    //   with offset=0 is undocumented: the emulator treats 0 like 1. Negative: 400.
    // - limit: page size, default 10; its range is undocumented ("N/A"): the emulator accepts 1..1000 and answers 400
    //   beyond. The codes for bad paging values (DMS.00400001) are the emulator's choice.
    // - unknown instance: 404 DMS.00404022 "This instance does not exist." (tf checks exactly that);
    //   unknown task id: 400 DMS.00405011 (tf maps that code to "not found").
    // - with id: the task plus json_content, a JSON *string* holding the submitted metadata. For rabbitToRocket tasks,
    //   type=vhost|exchange|queue narrows json_content to that list (exchanges of vhost `name`; queues bound to the
    //   exchange named by `name` = "{vhost}-{exchange}"), paged by offset/limit, with "total" the unpaged count;
    //   type=all or no type gives the full metadata. rocketmq tasks ignore type (OTC SDK comment).
    internal const int RocketMqMaxLimit = 1000;

    private static ApiResult DmsError(HttpContext ctx, int status, string code, string msg) =>
        ApiResult.Error(ctx, status, code, msg, ErrorStyle.Plain);

    private static IResult RocketMqMetadata(HttpContext ctx, string instance_id)
    {
        var instance = DataOf(ctx).FindRocketMqInstance(instance_id);
        if (instance is null) return DmsError(ctx, 404, "DMS.00404022", "This instance does not exist.");
        if (!TryInt(ctx, "offset", 1, out int page) || page < 0)
            return DmsError(ctx, 400, "DMS.00400001", "Invalid parameter: offset must be a page number starting from 1.");
        if (page == 0) page = 1;
        if (!TryInt(ctx, "limit", 10, out int limit) || limit < 1 || limit > RocketMqMaxLimit)
            return DmsError(ctx, 400, "DMS.00400001", $"Invalid parameter: limit must be between 1 and {RocketMqMaxLimit}.");
        long skip = (long)(page - 1) * limit;

        var id = Q(ctx, "id");
        if (id is null)
        {
            var items = instance.Tasks.Skip((int)Math.Min(skip, int.MaxValue)).Take(limit).Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id, ["name"] = t.Name, ["start_date"] = t.StartDate, ["status"] = MqStatus(ctx, t, poll: true), ["type"] = t.Type,
            }).ToArray();
            return ApiResult.Ok(new JsonObject { ["total"] = instance.Tasks.Count, ["task"] = new JsonArray(items) });
        }

        var task = instance.Tasks.FirstOrDefault(t => t.Id == id);
        if (task is null) return DmsError(ctx, 400, "DMS.00405011", "The metadata migration task does not exist.");
        var type = Q(ctx, "type");
        if (type is not null && type is not ("vhost" or "exchange" or "queue" or "all"))
            return DmsError(ctx, 400, "DMS.00400001", "Invalid parameter: type must be vhost, exchange, queue or all.");
        var name = Q(ctx, "name");

        var o = new JsonObject
        {
            ["id"] = task.Id, ["name"] = task.Name, ["start_date"] = task.StartDate, ["status"] = MqStatus(ctx, task, poll: true), ["type"] = task.Type,
        };
        if (task.Type != "rabbitToRocket" || type is null or "all")
        {
            o["json_content"] = State(ctx).Behaviour.JsonContent == JsonContentSpelling.SnakeCase
                ? SnakeCaseContent(task.JsonContent) : task.JsonContent;
            return ApiResult.Ok(o);
        }
        JsonObject content;
        int total;
        T[] Page<T>(IReadOnlyCollection<T> all) => all.Skip((int)Math.Min(skip, int.MaxValue)).Take(limit).ToArray();
        switch (type)
        {
            case "vhost":
                total = task.Vhosts.Count;
                content = new JsonObject
                {
                    ["vhosts"] = new JsonArray(Page(task.Vhosts).Select(v => (JsonNode)new JsonObject { ["name"] = v }).ToArray()),
                };
                break;
            case "exchange":
                var exchanges = task.Exchanges.Where(e => name is null || e.Vhost == name).ToList();
                total = exchanges.Count;
                content = new JsonObject { ["exchanges"] = EmulatorData.ExchangesJson(Page(exchanges)) };
                break;
            default: // queue
                var bound = task.Bindings
                    .Where(b => name is null || $"{b.Vhost}-{b.Source}" == name)
                    .Select(b => (b.Vhost, Queue: b.Destination)).ToHashSet();
                var queues = task.Queues.Where(q => bound.Contains((q.Vhost, q.Name))).ToList();
                total = queues.Count;
                content = new JsonObject { ["queues"] = EmulatorData.QueuesJson(Page(queues)) };
                break;
        }
        o["total"] = total;
        o["json_content"] = content.ToJsonString();
        return ApiResult.Ok(o);
    }

    /// <summary>
    /// json_content as a task created through an SDK echoes it: the SDKs' CreateRocketMqMigrationTaskReq spells the
    /// RocketMQ tables and their fields in snake_case (topic_config_table, topic_name, read_queue_nums...); the
    /// tables' keys (topic and group names) stay as they are. The RabbitMQ lists are spelled alike either way.
    /// </summary>
    internal static string SnakeCaseContent(string camelJson)
    {
        var content = JsonNode.Parse(camelJson)!.AsObject();
        var snake = new JsonObject();
        foreach (var (key, value) in content.ToList())
        {
            content.Remove(key);
            if (key is "topicConfigTable" or "subscriptionGroupTable" && value is JsonObject table)
            {
                var renamed = new JsonObject();
                foreach (var (name, entry) in table.ToList())
                {
                    table.Remove(name);
                    renamed[name] = entry is JsonObject fields ? SnakeCaseKeys(fields) : entry;
                }
                snake[SnakeCase(key)] = renamed;
            }
            else snake[key] = value;
        }
        return snake.ToJsonString();
    }

    private static JsonObject SnakeCaseKeys(JsonObject fields)
    {
        var o = new JsonObject();
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            o[SnakeCase(key)] = value;
        }
        return o;
    }

    private static string SnakeCase(string camel) =>
        string.Concat(camel.Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "_") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>A task made to progress (PUT /_emulator/progress) is "starting", then finished (or its final status).</summary>
    private static string MqStatus(HttpContext ctx, RocketMqMigrationTask t, bool poll) =>
        State(ctx).Progress.Observe(t.Id, poll) is { } p ? p.Status("starting", "finished") : t.Status;

    // DMS ListInstances, GET /v2/{project_id}/instances?engine=: the instances of every DMS engine of the project.
    // The SDKs (2024 on) spell the RocketMQ engine rocketmq, with reliability as its alias; older services know only
    // reliability. Which of the three the emulator is, is its ServiceBehaviour (RocketMqEngine), and an engine it does
    // not know gets 400 DMS.00400001 or an empty list (UnknownEngine). kafka and rabbitmq give the other engines'
    // instances, no engine every instance. offset is a record offset
    // from 0, limit 1..50 (default 10); other values 400 DMS.00400001 (the emulator's choice of code). Answer
    // {instances, instance_num}, instance_num being the count of every matching instance.
    internal const int DmsInstancesMaxLimit = 50;

    private static IResult DmsListInstances(HttpContext ctx)
    {
        if (!TryInt(ctx, "offset", 0, out int offset) || offset < 0)
            return DmsError(ctx, 400, "DMS.00400001", "Invalid parameter: offset must be 0 or more.");
        if (!TryInt(ctx, "limit", 10, out int limit) || limit < 1 || limit > DmsInstancesMaxLimit)
            return DmsError(ctx, 400, "DMS.00400001", $"Invalid parameter: limit must be between 1 and {DmsInstancesMaxLimit}.");
        var engine = Q(ctx, "engine");
        var data = DataOf(ctx);
        var behaviour = State(ctx).Behaviour;
        var rocketMq = behaviour.InstanceEngine;
        bool asRocketMq = engine is not null && behaviour.KnowsAsRocketMq(engine);
        if (engine is not null && !asRocketMq && engine is not ("kafka" or "rabbitmq"))
        {
            if (behaviour.UnknownEngine == UnknownEngineAnswer.Error)
                return DmsError(ctx, 400, "DMS.00400001", $"Invalid parameter: engine '{engine}' is not supported.");
            return ApiResult.Ok(new JsonObject { ["instances"] = new JsonArray(), ["instance_num"] = 0 });
        }
        var all = data.RocketMqInstances.Select((i, k) => (Id: i.InstanceId, i.Name, Engine: rocketMq, Version: "4.8.0", Index: k))
            .Concat(data.OtherEngineInstances.Select((i, k) => (Id: i.InstanceId, i.Name, i.Engine, Version: i.EngineVersion, Index: k + 10)))
            .Where(i => engine is null || (asRocketMq ? i.Engine == rocketMq : i.Engine == engine))
            .ToList();
        var page = all.Skip(offset).Take(limit).Select(i => (JsonNode)new JsonObject
        {
            ["name"] = i.Name,
            ["engine"] = i.Engine,
            ["engine_version"] = i.Version,
            ["instance_id"] = i.Id,
            ["status"] = "RUNNING",
            ["type"] = "cluster",
            ["specification"] = i.Engine == rocketMq ? "c6.4u8g.cluster" : "c6.2u4g.cluster",
            ["storage_space"] = 600,
            ["used_storage_space"] = 12 + i.Index,
            ["created_at"] = (1677657600000L + i.Index * 86_400_000L).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["enterprise_project_id"] = "0",
        }).ToArray();
        return ApiResult.Ok(new JsonObject { ["instances"] = new JsonArray(page), ["instance_num"] = all.Count });
    }
}
