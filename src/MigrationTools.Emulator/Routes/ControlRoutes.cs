using System.Text.Json;
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
        app.MapPut("/_emulator/faults", async (HttpContext ctx) =>
        {
            FaultSnapshot? s;
            try { s = await JsonSerializer.DeserializeAsync<FaultSnapshot>(ctx.Request.Body, Json); }
            catch (JsonException e) { await Write(ctx, 400, new { error = e.Message }); return; }
            if (s is null) { await Write(ctx, 400, new { error = "empty body" }); return; }
            var f = State(ctx).Faults;
            f.LatencyMs = s.LatencyMs; f.ThrottleRate = s.ThrottleRate; f.ThrottleRetryAfter = s.ThrottleRetryAfter;
            f.RetryAfterSeconds = s.RetryAfterSeconds; f.ServerErrorRate = s.ServerErrorRate; f.HangRate = s.HangRate;
            f.Malformed = s.Malformed; f.MalformedRate = s.MalformedRate; f.FailNextRequests = s.FailNextRequests;
            await Write(ctx, 200, f.Snapshot());
        }).WithMetadata(control);
        app.MapGet("/_emulator/info", (HttpContext ctx) =>
        {
            var st = State(ctx);
            return Write(ctx, 200, new
            {
                accessKey = st.Options.AccessKey, secretKey = st.Options.SecretKey, projectId = st.Options.ProjectId,
                domainId = st.Options.DomainId, region = st.Options.Region, seed = st.Options.Seed,
                rocketMqInstanceIds = st.Data.RocketMqInstances.Select(i => i.InstanceId).ToArray(),
            });
        }).WithMetadata(control);
    }

    private static EmulatorState State(HttpContext ctx) => ctx.RequestServices.GetRequiredService<EmulatorState>();

    private static Task Write<T>(HttpContext ctx, int status, T value) =>
        ApiResult.Write(ctx, status, ApiResult.JsonContentType, JsonSerializer.Serialize(value, Json));
}
