using System.Globalization;
using System.Text.Json.Nodes;
using MigrationTools.Emulator.Gateway;

namespace MigrationTools.Emulator.Routes;

internal static partial class ApiRoutes
{
    /// <summary>IAM (global: projects, an agency's temporary keys) and the ECS metadata address (temporary keys).</summary>
    private static void MapIamAndMetadata(WebApplication app)
    {
        var iam = new RouteKindMetadata(RouteKind.Global, ErrorStyle.Plain);
        var iamOwn = new RouteKindMetadata(RouteKind.Global, ErrorStyle.Iam);
        var metadata = new RouteKindMetadata(RouteKind.Metadata, ErrorStyle.Plain);
        app.MapGet("/v3/projects", IamListProjects).WithMetadata(iam);
        app.MapPost("/v3.0/OS-CREDENTIAL/securitytokens", (Func<HttpContext, Task<IResult>>)IamAssumeAgency).WithMetadata(iamOwn);
        app.MapPut("/meta-data/latest/api/token", MetadataToken).WithMetadata(metadata);
        app.MapGet("/openstack/latest/securitykey", MetadataSecurityKey).WithMetadata(metadata);
    }

    // IAM KeystoneListProjects, GET /v3/projects: domain level, signed, no X-Project-Id needed. `name` is an exact
    // match (so "cn-north-4_sub" does not match name=cn-north-4); domain_id, parent_id, enabled, is_domain filter too.
    private static IResult IamListProjects(HttpContext ctx)
    {
        // The projects of the account that signed: the main account's, or the member's for its temporary keys.
        var data = Account(ctx).Data;
        var name = Q(ctx, "name");
        var domain = Q(ctx, "domain_id");
        var parent = Q(ctx, "parent_id");
        var enabled = Q(ctx, "enabled");
        var isDomain = Q(ctx, "is_domain");
        var baseUrl = $"{ctx.Request.Scheme}://{ctx.Request.Host}";
        var projects = data.IamProjects.Where(p =>
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
        var cred = state.Credentials.Issue(now, state.Options.TemporaryCredentialLifetime, state.Main.DomainId);
        await ApiResult.Write(ctx, 200, ApiResult.JsonContentType, CredentialAnswer(cred).ToJsonString(ApiResult.JsonOptions));
    }

    // {"credential": {access, expires_at, secret, securitytoken}}: the ECS metadata's answer and IAM's (the SDKs' Credential model).
    private static JsonObject CredentialAnswer(TemporaryCredential cred) => new()
    {
        ["credential"] = new JsonObject
        {
            ["access"] = cred.AccessKey,
            ["expires_at"] = cred.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["secret"] = cred.SecretKey,
            ["securitytoken"] = cred.SecurityToken,
        },
    };

    /// <summary>IAM's default lifetime of temporary keys, and the range it accepts (15 minutes to 24 hours).</summary>
    internal const int DefaultAgencyDurationSeconds = 900, MinAgencyDurationSeconds = 900, MaxAgencyDurationSeconds = 86400;

    // IAM CreateTemporaryAccessKeyByAgency, POST /v3.0/OS-CREDENTIAL/securitytokens, signed by the caller (the
    // gateway has checked the signature and knows the caller's account). Body {"auth":{"identity":{"methods":
    // ["assume_role"],"assume_role":{"domain_name"|"domain_id","agency_name","duration_seconds"}}}} (the SDKs'
    // AgencyAuth model). 201 with the temporary keys of the agency's account, valid for duration_seconds (900 when
    // not given). Errors are IAM's: {"error":{"code","message","title"}} with X-IAM-Trace-Id. Emulator choices where
    // no page says: an agency that does not exist or does not trust the caller's account is the same 403 (nothing
    // tells a caller which agencies exist).
    private static async Task<IResult> IamAssumeAgency(HttpContext ctx)
    {
        var state = State(ctx);
        var caller = Account(ctx);
        JsonNode? root;
        try
        {
            root = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            return IamError(ctx, 400, "IAM.0011", "Request body is invalid.", "Bad Request");
        }
        var identity = root?["auth"]?["identity"] as JsonObject;
        var methods = identity?["methods"] as JsonArray;
        if (identity is null || methods is null || !methods.Any(m => m is JsonValue v && v.TryGetValue(out string? text) && text == "assume_role"))
            return IamError(ctx, 400, "IAM.0011", "Request body is invalid.", "Bad Request");
        if (identity["assume_role"] is not JsonObject assume)
            return IamError(ctx, 400, "IAM.0072", "'assume_role' is a required property.", "Bad Request");
        string? Text(string name) => assume[name] is JsonValue v && v.TryGetValue(out string? t) && t.Length > 0 ? t : null;
        var agencyName = Text("agency_name");
        if (agencyName is null) return IamError(ctx, 400, "IAM.0072", "'agency_name' is a required property.", "Bad Request");
        var domainName = Text("domain_name");
        var domainId = Text("domain_id");
        if (domainName is null && domainId is null) return IamError(ctx, 400, "IAM.0072", "'domain_name' or 'domain_id' is a required property.", "Bad Request");
        var duration = DefaultAgencyDurationSeconds;
        if (assume["duration_seconds"] is { } d
            && (d is not JsonValue dv || !dv.TryGetValue(out duration) || duration < MinAgencyDurationSeconds || duration > MaxAgencyDurationSeconds))
            return IamError(ctx, 400, "IAM.0007", "Request parameter duration_seconds is invalid.", "Bad Request");
        var target = state.Accounts.FirstOrDefault(a => (domainName is null || a.DomainName == domainName) && (domainId is null || a.DomainId == domainId));
        var agency = target?.Agencies.FirstOrDefault(a => a.Name == agencyName);
        if (target is null || agency is null || agency.TrustedDomainId != caller.DomainId)
            return IamError(ctx, 403, "IAM.0003", $"Policy doesn't allow iam:agencies:assume to be performed on agency '{agencyName}' of domain '{domainName ?? domainId}'.", "Forbidden");
        var cred = state.Credentials.Issue(state.Time.GetUtcNow(), TimeSpan.FromSeconds(duration), target.DomainId);
        ctx.Response.Headers[IamTraceHeader] = Pipeline.RequestId(ctx);
        ctx.Response.Headers.Remove("X-Request-Id");
        return new IamCreated(CredentialAnswer(cred));
    }

    internal const string IamTraceHeader = "X-IAM-Trace-Id";

    private static IResult IamError(HttpContext ctx, int status, string code, string message, string title) =>
        ApiResult.IamError(ctx, status, code, message, title);

    /// <summary>201 Created with a JSON body (the malformed-answer faults apply to 200 answers only).</summary>
    private sealed class IamCreated(JsonNode body) : IResult
    {
        public Task ExecuteAsync(HttpContext ctx) => ApiResult.Write(ctx, 201, ApiResult.JsonContentType, body.ToJsonString(ApiResult.JsonOptions));
    }
}
