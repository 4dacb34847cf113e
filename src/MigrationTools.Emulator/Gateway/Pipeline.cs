using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;

namespace MigrationTools.Emulator.Gateway;

/// <summary>What kind of route an endpoint is; the gateway middleware reads it from the endpoint metadata.</summary>
internal enum RouteKind
{
    /// <summary>Signed, under /v*/{project_id}/...</summary>
    Project,
    /// <summary>Signed, domain level (IAM): no project in the path, X-Project-Id not required.</summary>
    Global,
    /// <summary>ECS metadata: no signature, no faults.</summary>
    Metadata,
    /// <summary>/_emulator control routes: no signature, no faults.</summary>
    Control,
}

internal sealed record RouteKindMetadata(RouteKind Kind, ErrorStyle ServiceStyle);

internal static partial class Pipeline
{
    internal const string RequestIdKey = "emu.request_id";
    internal const string ErrorCodeKey = "emu.error_code";
    internal const string MalformedKey = "emu.malformed";
    /// <summary>The account of the keys that signed the request (set by the gateway).</summary>
    internal const string AccountKey = "emu.account";

    internal const string HtmlErrorPage =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    public static string RequestId(HttpContext ctx) => ctx.Items[RequestIdKey] as string ?? "";

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex ProjectIdFormat();

    internal const string RegionKey = "emu.region";

    [GeneratedRegex("^/([a-z]{2}-[a-z]+-[0-9]+)(/.*)$")]
    private static partial Regex RegionSegment();

    /// <summary>
    /// Region-addressed endpoints on one loopback port: http://127.0.0.1:{port}/{region} is the endpoint of every
    /// service in that region (the module reaches it through HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}, as it would
    /// the real dcs.{region} hosts); the bare address is the emulator's own region. The region is kept out of the
    /// routed path (PathBase) and stays in the signed one.
    /// </summary>
    public static Task RegionPrefix(HttpContext ctx, RequestDelegate next)
    {
        var match = RegionSegment().Match(ctx.Request.Path.Value ?? "/");
        if (match.Success)
        {
            ctx.Items[RegionKey] = match.Groups[1].Value;
            ctx.Request.PathBase = ctx.Request.PathBase.Add("/" + match.Groups[1].Value);
            ctx.Request.Path = match.Groups[2].Value;
        }
        return next(ctx);
    }

    /// <summary>The region a request addressed: its path prefix, else the emulator's own region.</summary>
    public static string RegionOf(HttpContext ctx, EmulatorState state) => ctx.Items[RegionKey] as string ?? state.Options.Region;

    /// <summary>First middleware: X-Request-Id on every answer, and the request log.</summary>
    public static async Task RequestIdAndLog(HttpContext ctx, RequestDelegate next)
    {
        var state = ctx.RequestServices.GetRequiredService<EmulatorState>();
        var id = Guid.NewGuid().ToString("N");
        ctx.Items[RequestIdKey] = id;
        ctx.Response.Headers["X-Request-Id"] = id;
        var at = state.Time.GetUtcNow();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in ctx.Request.Headers)
            headers[h.Key] = RequestLog.Redact(h.Key, h.Value.ToString());
        var rawPath = RawPath(ctx);
        var path = HasDotSegment(rawPath) ? rawPath : ctx.Request.Path.Value ?? "/";
        var query = ctx.Request.QueryString.Value ?? "";
        // Logged as the answer starts, before its first byte leaves: a client that has read the answer always finds
        // its request in the log (logging after the answer raced with tests counting requests right after a call).
        var logged = 0;
        // API requests count as in flight until their answer starts (RequestLog.MaxInFlight).
        var counted = !path.StartsWith("/_emulator", StringComparison.Ordinal);
        if (counted) state.Requests.Enter();
        void Log(int status)
        {
            if (Interlocked.Exchange(ref logged, 1) != 0) return;
            if (counted) state.Requests.Leave();
            state.Requests.Add(new LoggedRequest(at, ctx.Request.Method, path, query, status, ctx.Items[ErrorCodeKey] as string, headers));
        }
        ctx.Response.OnStarting(() =>
        {
            Log(ctx.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            await next(ctx);
        }
        finally
        {
            // Never answered (a hang the client gave up on): status 0.
            Log(ctx.Response.HasStarted ? ctx.Response.StatusCode : ctx.RequestAborted.IsCancellationRequested ? 0 : ctx.Response.StatusCode);
        }
    }

    /// <summary>
    /// Before routing: a path with a dot segment ('.', '..', or escaped as %2E) reaches no API. Kestrel removes dot
    /// segments before routing, so '/v2/{project}/migration-task/../stats' would otherwise be served as
    /// '/v2/{project}/stats'. It is answered as a path the gateway does not publish, before authentication (so it
    /// never counts towards the lockout), and logged with the path as it was sent.
    /// </summary>
    public static async Task RefuseDotSegments(HttpContext ctx, RequestDelegate next)
    {
        if (!HasDotSegment(RawPath(ctx)))
        {
            await next(ctx);
            return;
        }
        await ApiResult.Error(ctx, 404, "APIG.0101", "The API does not exist or has not been published in the environment", ErrorStyle.Apig).ExecuteAsync(ctx);
    }

    /// <summary>The request target's path exactly as sent (Request.Path is decoded and has its dot segments removed).</summary>
    internal static string RawPath(HttpContext ctx)
    {
        var raw = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (ctx.Request.PathBase + ctx.Request.Path).Value ?? "/";
        if (raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // Absolute-form request target (through a proxy): keep only the path and query.
            int slash = raw.IndexOf('/', raw.IndexOf("://", StringComparison.Ordinal) + 3);
            raw = slash < 0 ? "/" : raw[slash..];
        }
        int q = raw.IndexOf('?');
        return q < 0 ? raw : raw[..q];
    }

    internal static bool HasDotSegment(string rawPath) =>
        rawPath.Split('/').Any(segment => Uri.UnescapeDataString(segment) is "." or "..");

    /// <summary>After routing: the gateway (signature, lockout, project) and the faults, for API routes only.</summary>
    public static async Task GatewayAndFaults(HttpContext ctx, RequestDelegate next)
    {
        var meta = ctx.GetEndpoint()?.Metadata.GetMetadata<RouteKindMetadata>();
        if (meta is null || meta.Kind is RouteKind.Control or RouteKind.Metadata)
        {
            await next(ctx);
            return;
        }
        var state = ctx.RequestServices.GetRequiredService<EmulatorState>();
        var faults = state.Faults;

        int latency = faults.LatencyMs;
        if (latency > 0) await Task.Delay(latency, ctx.RequestAborted);

        var denied = await Authenticate(ctx, state, meta);
        if (denied is not null) { await denied.ExecuteAsync(ctx); return; }

        var decision = faults.Decide(state.Options.Seed, ctx.Request.Method + " " + RawPath(ctx) + ctx.Request.QueryString.Value);
        switch (decision)
        {
            case FaultDecision.Hang:
                ctx.Items[ErrorCodeKey] = "fault:hang";
                using (var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, state.Stopping))
                {
                    try { await Task.Delay(Timeout.Infinite, cts.Token); } catch (OperationCanceledException) { }
                }
                ctx.Abort();
                return;
            case FaultDecision.Throttle:
                await Throttle(ctx, faults, state);
                return;
            case FaultDecision.ServerError:
                await ServerError(ctx, state);
                return;
            case FaultDecision.Malformed:
                var kind = faults.Malformed;
                if (kind == MalformedKind.None) kind = MalformedKind.Truncated;
                if (kind == MalformedKind.Html)
                {
                    ctx.Items[ErrorCodeKey] = "fault:malformed-html";
                    await ApiResult.Write(ctx, 502, "text/html", HtmlErrorPage);
                    return;
                }
                ctx.Items[MalformedKey] = kind;
                break;
        }
        await next(ctx);
    }

    private static Task Throttle(HttpContext ctx, FaultSettings faults, EmulatorState state)
    {
        var snap = faults.Snapshot();
        switch (snap.ThrottleRetryAfter)
        {
            case RetryAfterMode.Seconds:
                ctx.Response.Headers.RetryAfter = snap.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                break;
            case RetryAfterMode.HttpDate:
                ctx.Response.Headers.RetryAfter = state.Time.GetUtcNow().AddSeconds(snap.RetryAfterSeconds).ToString("r", CultureInfo.InvariantCulture);
                break;
        }
        return ApiResult.Error(ctx, 429, "APIG.0308",
            "The throttling threshold has been reached: policy user over ratelimit,limit:200,time:1 second", ErrorStyle.Apig).ExecuteAsync(ctx);
    }

    private static Task ServerError(HttpContext ctx, EmulatorState state)
    {
        // Rotation: 503 JSON, 502 JSON, 504 JSON, 503 plain text (a load balancer's page).
        switch ((state.Faults.NextServerError() + 1) % 4)
        {
            case 1: return ApiResult.Error(ctx, 503, "APIG.0201", "Backend unavailable.", ErrorStyle.Apig).ExecuteAsync(ctx);
            case 2: return ApiResult.Error(ctx, 502, "APIG.0201", "Backend unavailable.", ErrorStyle.Apig).ExecuteAsync(ctx);
            case 3: return ApiResult.Error(ctx, 504, "APIG.0201", "Backend timeout.", ErrorStyle.Apig).ExecuteAsync(ctx);
            default:
                ctx.Items[ErrorCodeKey] = "fault:503-plain";
                return ApiResult.Write(ctx, 503, "text/plain", "Service Unavailable");
        }
    }

    private const string AuthPrefix = "Incorrect IAM authentication information: ";

    /// <summary>The API gateway's SDK-HMAC-SHA256 check. Returns the error to answer, or null when the request passes.</summary>
    internal static async Task<ApiResult?> Authenticate(HttpContext ctx, EmulatorState state, RouteKindMetadata meta)
    {
        // IAM's own routes answer in IAM's shape; the others as the API gateway does.
        ApiResult Deny(string msg, int status = 401, string code = "APIG.0301") =>
            meta.ServiceStyle == ErrorStyle.Iam ? ApiResult.IamError(ctx, status, status.ToString(CultureInfo.InvariantCulture), msg, status == 401 ? "Unauthorized" : "Forbidden")
            : ApiResult.Error(ctx, status, code, msg, ErrorStyle.Apig);

        var req = ctx.Request;
        if (!SignatureVerifier.TryParseAuthorization(req.Headers.Authorization.ToString(), out var auth, out var parseError))
            return Deny(AuthPrefix + "verify aksk signature fail, " + parseError);

        var now = state.Time.GetUtcNow();
        var secret = state.Credentials.SecretOf(auth!.AccessKey, out var temporary);
        if (secret is null)
            return Deny(AuthPrefix + $"Get secretKey failed,ak:{Mask(auth.AccessKey)},err:ak not exist");

        if (state.Options.EnableLockout && state.Credentials.IsLocked(auth.AccessKey, now))
            return Deny(AuthPrefix + "AK access failed to reach the limit,forbidden.");

        ApiResult Fail(string detail)
        {
            if (state.Options.EnableLockout) state.Credentials.RecordFailure(auth.AccessKey, now);
            return Deny(AuthPrefix + "verify aksk signature fail, " + detail);
        }

        var signed = auth.SignedHeaders;
        bool Signs(string name) => signed.Any(h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (!Signs("x-sdk-date")) return Fail("x-sdk-date is not in the signed headers");
        if (state.Options.RequireSignedHost && !Signs("host")) return Fail("host is not in the signed headers");

        var dateText = req.Headers["X-Sdk-Date"].ToString();
        if (!SignatureVerifier.TryParseDate(dateText, out var date))
            return Fail("the X-Sdk-Date header is missing or not in the format yyyyMMddTHHmmssZ");
        if ((date - now).Duration() > TimeSpan.FromMinutes(15))
            return Fail("the request date is more than 15 minutes away from the server time");

        string? tokenHeader = req.Headers["X-Security-Token"].Count > 0 ? req.Headers["X-Security-Token"].ToString() : null;
        if (temporary is not null)
        {
            if (tokenHeader is null) return Fail("the security token is missing for temporary credentials");
            if (!Signs("x-security-token")) return Fail("x-security-token is not in the signed headers");
            if (!string.Equals(tokenHeader.Trim(), temporary.SecurityToken, StringComparison.Ordinal))
                return Fail("decrypt token fail");
            if (temporary.ExpiresAt <= now)
                return Deny(AuthPrefix + "token expires, expires_at: " + temporary.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        }
        else if (tokenHeader is not null)
            return Fail("decrypt token fail");

        req.EnableBuffering();
        using var ms = new MemoryStream();
        await req.Body.CopyToAsync(ms, ctx.RequestAborted);
        req.Body.Position = 0;

        var raw = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (req.PathBase + req.Path + req.QueryString);
        if (raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // Absolute-form request target (through a proxy): keep only the path and query.
            int slash = raw.IndexOf('/', raw.IndexOf("://", StringComparison.Ordinal) + 3);
            raw = slash < 0 ? "/" : raw[slash..];
        }
        // A region-addressed endpoint is a proxy in front of that region's gateway: the gateway sees (and verifies the
        // signature of) the API path, as the module signs it, not the endpoint's base path.
        if (ctx.Items[RegionKey] is string prefix && raw.StartsWith("/" + prefix + "/", StringComparison.Ordinal)) raw = raw[(prefix.Length + 1)..];
        int q = raw.IndexOf('?');
        var rawPath = q < 0 ? raw : raw[..q];
        var rawQuery = q < 0 ? "" : raw[(q + 1)..];
        string? Header(string name)
        {
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase)) return req.Headers.Host.ToString();
            return req.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
        }
        if (!SignatureVerifier.Verify(auth, secret, req.Method, rawPath, rawQuery, Header, ms.ToArray(), out _))
            return Fail("signature mismatch");
        state.Credentials.RecordSuccess(auth.AccessKey);
        // The keys' account: temporary keys belong to the account they were issued for, the permanent AK to the main one.
        var account = temporary is null ? state.Main : state.Accounts.First(a => a.DomainId == temporary.DomainId);
        ctx.Items[AccountKey] = account;

        if (meta.Kind == RouteKind.Global)
        {
            var domainHeader = req.Headers["X-Domain-Id"].ToString();
            if (domainHeader.Length > 0 && domainHeader != account.DomainId)
                return Deny(AuthPrefix + "the X-Domain-Id does not belong to the access key");
            return null;
        }

        // Project routes. The gateway scopes the AK to X-Project-Id: a project the account does not have is
        // "The project is unavailable." (403 APIGW.0310); a header naming another project than the URI is an
        // authentication failure (the token is for another project).
        var pathProject = ctx.GetRouteValue("project_id") as string ?? "";
        var projectHeader = req.Headers["X-Project-Id"].ToString();
        var region = RegionOf(ctx, state);
        if (projectHeader.Length > 0)
        {
            if (!account.Serves(projectHeader, region))
                return Deny("The project is unavailable.", 403, "APIG.0310");
            if (projectHeader != pathProject)
                return Deny(AuthPrefix + "the project id in X-Project-Id does not match the project id in the URI");
        }
        if (!account.Serves(pathProject, region))
        {
            // Emulator choice, per service: DMS validates the format first (400 DMS.00400002, from its error-code
            // page); otherwise every service answers as the gateway does for a project the account lacks.
            if (meta.ServiceStyle == ErrorStyle.Plain && ctx.Request.Path.Value!.Contains("/instances/", StringComparison.Ordinal)
                && !ProjectIdFormat().IsMatch(pathProject))
                return ApiResult.Error(ctx, 400, "DMS.00400002", "The project ID format is invalid.", ErrorStyle.Plain);
            return Deny("The project is unavailable.", 403, "APIG.0310");
        }
        return null;
    }

    private static string Mask(string ak) => ak.Length <= 6 ? "******" : ak[..3] + "******" + ak[^3..];
}
