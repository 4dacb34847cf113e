using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MigrationTools.Emulator.Gateway;

namespace MigrationTools.Emulator.Routes;

/// <summary>/_emulator/* control routes for non-.NET tests. No signature, no faults.</summary>
internal static class ControlRoutes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Map(WebApplication app)
    {
        var control = new RouteKindMetadata(RouteKind.Control, ErrorStyle.Plain);
        app.MapGet("/_emulator/requests", (HttpContext ctx) =>
            Write(ctx, 200, State(ctx).Requests.Snapshot())).WithMetadata(control);
        app.MapDelete("/_emulator/requests", (HttpContext ctx) =>
        {
            State(ctx).Requests.Clear();
            ctx.Response.StatusCode = 204;
            return Task.CompletedTask;
        }).WithMetadata(control);
        app.MapGet("/_emulator/faults", (HttpContext ctx) =>
            Write(ctx, 200, State(ctx).Faults.Snapshot())).WithMetadata(control);
        // PUT merges: only the properties present in the JSON object change (names as in GET, case-insensitive).
        app.MapPut("/_emulator/faults", (HttpContext ctx) =>
        {
            var f = State(ctx).Faults;
            return MergeAsync(ctx, (key, value) =>
            {
                switch (key)
                {
                    case "latencyms": f.LatencyMs = value.GetValue<int>(); break;
                    case "throttlerate": f.ThrottleRate = value.GetValue<double>(); break;
                    case "throttleretryafter": f.ThrottleRetryAfter = Enum.Parse<RetryAfterMode>(value.ToString(), true); break;
                    case "retryafterseconds": f.RetryAfterSeconds = value.GetValue<int>(); break;
                    case "servererrorrate": f.ServerErrorRate = value.GetValue<double>(); break;
                    case "hangrate": f.HangRate = value.GetValue<double>(); break;
                    case "malformed": f.Malformed = Enum.Parse<MalformedKind>(value.ToString(), true); break;
                    case "malformedrate": f.MalformedRate = value.GetValue<double>(); break;
                    case "failnextrequests": f.FailNextRequests = value.GetValue<int>(); break;
                    default: throw new JsonException($"unknown property '{key}'");
                }
            }, () => f.Snapshot());
        }).WithMetadata(control);
        // The form the services answer in: {"rocketMqEngine": "both|rocketMq|reliability", "unknownEngine":
        // "error|empty", "jsonContent": "camelCase|snakeCase"}; PUT merges like /_emulator/faults.
        app.MapGet("/_emulator/behaviour", (HttpContext ctx) =>
            Write(ctx, 200, State(ctx).Behaviour.Snapshot())).WithMetadata(control);
        app.MapPut("/_emulator/behaviour", (HttpContext ctx) =>
        {
            var b = State(ctx).Behaviour;
            return MergeAsync(ctx, (key, value) =>
            {
                switch (key)
                {
                    case "rocketmqengine": b.RocketMqEngine = Enum.Parse<RocketMqEngineSpelling>(value.ToString(), true); break;
                    case "unknownengine": b.UnknownEngine = Enum.Parse<UnknownEngineAnswer>(value.ToString(), true); break;
                    case "jsoncontent": b.JsonContent = Enum.Parse<JsonContentSpelling>(value.ToString(), true); break;
                    default: throw new JsonException($"unknown property '{key}'");
                }
            }, () => b.Snapshot());
        }).WithMetadata(control);
        // Tasks that progress over time: {"id": "...", "polls": 3} or {"id": "...", "seconds": 5}, optional
        // "finalStatus", "runningStatus" (the DCS detail's phase while running). GET lists the plans, DELETE forgets them all.
        app.MapGet("/_emulator/progress", (HttpContext ctx) =>
            Write(ctx, 200, State(ctx).Progress.Snapshot().Select(PlanJson).ToArray())).WithMetadata(control);
        app.MapDelete("/_emulator/progress", (HttpContext ctx) =>
        {
            State(ctx).Progress.Clear();
            ctx.Response.StatusCode = 204;
            return Task.CompletedTask;
        }).WithMetadata(control);
        app.MapPut("/_emulator/progress", async (HttpContext ctx) =>
        {
            var st = State(ctx);
            ProgressPlan plan;
            try
            {
                var node = await JsonNode.ParseAsync(ctx.Request.Body);
                if (node is not JsonObject o) throw new JsonException("a JSON object is expected");
                string? id = null, final = null, running = null; int? polls = null; double? seconds = null;
                foreach (var (key, value) in o)
                {
                    if (value is null) continue;
                    switch (key.ToLowerInvariant())
                    {
                        case "id": id = value.GetValue<string>(); break;
                        case "polls": polls = value.GetValue<int>(); break;
                        case "seconds": seconds = value.GetValue<double>(); break;
                        case "finalstatus": final = value.GetValue<string>(); break;
                        case "runningstatus": running = value.GetValue<string>(); break;
                        default: throw new JsonException($"unknown property '{key}'");
                    }
                }
                if (string.IsNullOrEmpty(id)) throw new JsonException("'id' is required");
                // A task of any project of any account (each region's data is its own).
                bool known = st.AllData().Any(data =>
                    data.FindDcsTask(id) is not null || data.FindDrsJob(id) is not null || data.RocketMqInstances.Any(i => i.Tasks.Any(t => t.Id == id)));
                if (!known) throw new ArgumentException($"'{id}' is no DCS task, DRS job or RocketMQ task of the data set");
                plan = new ProgressPlan(id, polls, seconds is { } s ? TimeSpan.FromSeconds(s) : null, final, running);
                st.Progress.Set(plan);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
            {
                await Write(ctx, 400, new { error = e.Message });
                return;
            }
            await Write(ctx, 200, PlanJson(plan));
        }).WithMetadata(control);
        // A webhook to post to (the runbook example's alerts): bodies kept as sent, listed by GET.
        app.MapPost("/_emulator/webhooks", async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            State(ctx).Webhooks.Enqueue(await reader.ReadToEndAsync(ctx.RequestAborted));
            ctx.Response.StatusCode = 204;
        }).WithMetadata(control);
        app.MapGet("/_emulator/webhooks", (HttpContext ctx) =>
            Write(ctx, 200, State(ctx).Webhooks.ToArray())).WithMetadata(control);
        app.MapGet("/_emulator/info", (HttpContext ctx) =>
        {
            var st = State(ctx);
            return Write(ctx, 200, new
            {
                accessKey = st.Options.AccessKey, secretKey = st.Options.SecretKey, projectId = st.Options.ProjectId,
                domainId = st.Options.DomainId, region = st.Options.Region, seed = st.Options.Seed,
                rocketMqInstanceIds = st.Data.RocketMqInstances.Select(i => i.InstanceId).ToArray(),
                otherEngineInstanceIds = st.Data.OtherEngineInstances.Select(i => i.InstanceId).ToArray(),
            });
        }).WithMetadata(control);
    }

    private static object PlanJson(ProgressPlan p) =>
        new { id = p.Id, polls = p.Polls, seconds = p.After?.TotalSeconds, finalStatus = p.FinalStatus, runningStatus = p.RunningStatus };

    private static EmulatorState State(HttpContext ctx) => ctx.RequestServices.GetRequiredService<EmulatorState>();

    private static Task Write<T>(HttpContext ctx, int status, T value) =>
        ApiResult.Write(ctx, status, ApiResult.JsonContentType, JsonSerializer.Serialize(value, Json));

    /// <summary>
    /// A PUT that merges: only the properties present in the JSON object change (names case-insensitive, given to
    /// <paramref name="set"/> in lower case); an unknown property or a bad value is a 400 naming it.
    /// </summary>
    private static async Task MergeAsync(HttpContext ctx, Action<string, JsonNode> set, Func<object> snapshot)
    {
        try
        {
            var node = await JsonNode.ParseAsync(ctx.Request.Body);
            if (node is not JsonObject o) throw new JsonException("a JSON object is expected");
            foreach (var (key, value) in o)
                if (value is not null) set(key.ToLowerInvariant(), value);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            await Write(ctx, 400, new { error = e.Message });
            return;
        }
        await Write(ctx, 200, snapshot());
    }
}
