using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using MigrationTools.Emulator.Gateway;

namespace MigrationTools.Emulator.Routes;

/// <summary>The service APIs. One server serves them all; the path tells them apart (the real hosts are
/// dcs.{region}, dms.{region}, drs.{region}, iam and the ECS metadata address).</summary>
internal static partial class ApiRoutes
{
    public static void Map(WebApplication app)
    {
        // Each service maps its own routes, next to their handlers (a new API is one file: Routes/<Service>.cs).
        MapDcs(app);
        MapRocketMq(app);
        MapDrs(app);
        MapIamAndMetadata(app);

        // Anything else: the gateway has no such API (answered before authentication, like APIG).
        app.MapFallback((HttpContext ctx) => ApiResult.Error(ctx, 404, "APIG.0101",
            "The API does not exist or has not been published in the environment", ErrorStyle.Apig));
    }

    private static EmulatorState State(HttpContext ctx) => ctx.RequestServices.GetRequiredService<EmulatorState>();

    /// <summary>The account of the keys that signed the request (the gateway's finding).</summary>
    private static EmulatorAccount Account(HttpContext ctx) => ctx.Items[Pipeline.AccountKey] as EmulatorAccount ?? State(ctx).Main;

    /// <summary>The data of the project in the request's path, of the account that signed it (the gateway lets only its own projects through).</summary>
    private static EmulatorData DataOf(HttpContext ctx) =>
        ctx.GetRouteValue("project_id") is string project ? Account(ctx).DataOf(project) : Account(ctx).Data;

    /// <summary>Parses an optional integer query parameter. Returns false when present but not an integer.</summary>
    private static bool TryInt(HttpContext ctx, string name, int fallback, out int value)
    {
        var raw = ctx.Request.Query[name];
        if (StringValues.IsNullOrEmpty(raw)) { value = fallback; return true; }
        return int.TryParse(raw.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static string? Q(HttpContext ctx, string name)
    {
        var v = ctx.Request.Query[name];
        return StringValues.IsNullOrEmpty(v) ? null : v.ToString();
    }

    private static JsonNode? S(string? s) => s is null ? null : JsonValue.Create(s);
}
