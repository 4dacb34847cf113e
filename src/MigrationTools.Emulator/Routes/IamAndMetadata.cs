using System.Globalization;
using System.Text.Json.Nodes;
using MigrationTools.Emulator.Gateway;

namespace MigrationTools.Emulator.Routes;

internal static partial class ApiRoutes
{
    // IAM KeystoneListProjects, GET /v3/projects: domain level, signed, no X-Project-Id needed. `name` is an exact
    // match (so "cn-north-4_sub" does not match name=cn-north-4); domain_id, parent_id, enabled, is_domain filter too.
    private static IResult IamListProjects(HttpContext ctx)
    {
        var state = State(ctx);
        var name = Q(ctx, "name");
        var domain = Q(ctx, "domain_id");
        var parent = Q(ctx, "parent_id");
        var enabled = Q(ctx, "enabled");
        var isDomain = Q(ctx, "is_domain");
        var baseUrl = $"{ctx.Request.Scheme}://{ctx.Request.Host}";
        var projects = state.Data.IamProjects.Where(p =>
            (name is null || p.Name == name) && (domain is null || p.DomainId == domain)
            && (parent is null || p.ParentId == parent)
            && (enabled is null || string.Equals(enabled, p.Enabled ? "true" : "false", StringComparison.OrdinalIgnoreCase))
            && (isDomain is null || string.Equals(isDomain, "false", StringComparison.OrdinalIgnoreCase)))
            .Select(p => (JsonNode)new JsonObject
            {
                ["is_domain"] = false,
                ["description"] = p.Description,
                ["links"] = new JsonObject { ["self"] = $"{baseUrl}/v3/projects/{p.Id}" },
                ["enabled"] = p.Enabled,
                ["id"] = p.Id,
                ["parent_id"] = p.ParentId,
                ["domain_id"] = p.DomainId,
                ["name"] = p.Name,
            }).ToArray();
        return ApiResult.Ok(new JsonObject
        {
            ["links"] = new JsonObject
            {
                ["self"] = $"{baseUrl}/v3/projects{ctx.Request.QueryString.Value}",
                ["previous"] = null,
                ["next"] = null,
            },
            ["projects"] = new JsonArray(projects),
        });
    }

    // ECS metadata (169.254.169.254 in real life). No signature, no faults. The SDKs PUT the token route with
    // X-Metadata-Token-Ttl-Seconds: 21600, then GET securitykey with X-Metadata-Token. Every securitykey call issues
    // new temporary credentials valid for EmulatorOptions.TemporaryCredentialLifetime, which the gateway accepts
    // (with their X-Security-Token, signed) until they expire.
    private static async Task MetadataToken(HttpContext ctx)
    {
        var state = State(ctx);
        var ttlRaw = ctx.Request.Headers["X-Metadata-Token-Ttl-Seconds"].ToString();
        if (!int.TryParse(ttlRaw, NumberStyles.None, CultureInfo.InvariantCulture, out int ttl) || ttl < 1 || ttl > 21600)
        {
            ctx.Items[Pipeline.ErrorCodeKey] = "metadata:bad-ttl";
            await ApiResult.Write(ctx, 400, "text/plain", "Bad Request: X-Metadata-Token-Ttl-Seconds must be 1..21600");
            return;
        }
        var token = state.Credentials.IssueMetadataToken(state.Time.GetUtcNow().AddSeconds(ttl));
        await ApiResult.Write(ctx, 200, "text/plain", token);
    }

    private static async Task MetadataSecurityKey(HttpContext ctx)
    {
        var state = State(ctx);
        var now = state.Time.GetUtcNow();
        if (!state.Credentials.IsMetadataTokenValid(ctx.Request.Headers["X-Metadata-Token"].ToString(), now))
        {
            ctx.Items[Pipeline.ErrorCodeKey] = "metadata:unauthorized";
            await ApiResult.Write(ctx, 401, "text/plain", "Unauthorized");
            return;
        }
        var cred = state.Credentials.Issue(now, state.Options.TemporaryCredentialLifetime);
        var body = new JsonObject
        {
            ["credential"] = new JsonObject
            {
                ["access"] = cred.AccessKey,
                ["expires_at"] = cred.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                ["secret"] = cred.SecretKey,
                ["securitytoken"] = cred.SecurityToken,
            },
        };
        await ApiResult.Write(ctx, 200, ApiResult.JsonContentType, body.ToJsonString(ApiResult.JsonOptions));
    }
}
