using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MigrationTools.Emulator.Gateway;

internal enum ErrorStyle
{
    /// <summary>API gateway: {"error_msg","error_code","request_id"}.</summary>
    Apig,
    /// <summary>DCS: {"error_code","error_msg","error_ext_msg":null}.</summary>
    Dcs,
    /// <summary>DMS, DRS: {"error_code","error_msg"}.</summary>
    Plain,
    /// <summary>IAM: {"error":{"code","message","title"}}, with X-IAM-Trace-Id instead of X-Request-Id.</summary>
    Iam,
}

/// <summary>A JSON answer of an API route. Applies the malformed-response fault when the pipeline decided one.</summary>
internal sealed class ApiResult : IResult
{
    internal const string JsonContentType = "application/json;charset=UTF-8";
    internal static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int Status { get; }
    public JsonNode? Body { get; }
    public string? ErrorCode { get; }

    private ApiResult(int status, JsonNode? body, string? errorCode) { Status = status; Body = body; ErrorCode = errorCode; }

    public static ApiResult Ok(JsonNode body) => new(200, body, null);

    /// <summary>IAM's error: {"error":{"code","message","title"}}; the answer's id is X-IAM-Trace-Id.</summary>
    public static ApiResult IamError(HttpContext ctx, int status, string code, string message, string title)
    {
        ctx.Response.Headers["X-IAM-Trace-Id"] = Pipeline.RequestId(ctx);
        ctx.Response.Headers.Remove("X-Request-Id");
        JsonNode codeNode = int.TryParse(code, out var number) ? JsonValue.Create(number) : JsonValue.Create(code);
        return new ApiResult(status, new JsonObject { ["error"] = new JsonObject { ["code"] = codeNode, ["message"] = message, ["title"] = title } }, code);
    }

    public static ApiResult Error(HttpContext ctx, int status, string code, string message, ErrorStyle style)
    {
        if (style == ErrorStyle.Iam) return IamError(ctx, status, code, message, status == 401 ? "Unauthorized" : status == 403 ? "Forbidden" : "Bad Request");
        JsonObject body = style switch
        {
            ErrorStyle.Apig => new JsonObject { ["error_msg"] = message, ["error_code"] = code, ["request_id"] = Pipeline.RequestId(ctx) },
            ErrorStyle.Dcs => new JsonObject { ["error_code"] = code, ["error_msg"] = message, ["error_ext_msg"] = null },
            _ => new JsonObject { ["error_code"] = code, ["error_msg"] = message },
        };
        return new ApiResult(status, body, code);
    }

    public Task ExecuteAsync(HttpContext ctx)
    {
        ctx.Items[Pipeline.ErrorCodeKey] = ErrorCode;
        var text = Body?.ToJsonString(JsonOptions) ?? "";
        if (Status == 200 && ctx.Items[Pipeline.MalformedKey] is MalformedKind kind && Body is not null)
            return WriteMalformed(ctx, kind, text);
        return Write(ctx, Status, JsonContentType, text);
    }

    internal static async Task Write(HttpContext ctx, int status, string contentType, string text)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(text);
        ctx.Response.ContentLength = bytes.Length;
        if (bytes.Length > 0) await ctx.Response.Body.WriteAsync(bytes);
    }

    private Task WriteMalformed(HttpContext ctx, MalformedKind kind, string text)
    {
        ctx.Items[Pipeline.ErrorCodeKey] = "fault:malformed-" + kind.ToString().ToLowerInvariant();
        switch (kind)
        {
            case MalformedKind.Truncated:
                return Write(ctx, 200, JsonContentType, text[..(text.Length / 2)]);
            case MalformedKind.WrongType:
                return Write(ctx, 200, JsonContentType, WrongType(Body!, ctx).ToJsonString(JsonOptions));
            case MalformedKind.Empty200:
                return Write(ctx, 200, JsonContentType, "");
            default:
                return Write(ctx, 502, "text/html", Pipeline.HtmlErrorPage);
        }
    }

    /// <summary>Gives one field the wrong JSON type: a count as a string ("count":"abc"), or, every other time,
    /// the item list as an object.</summary>
    private static JsonNode WrongType(JsonNode body, HttpContext ctx)
    {
        var copy = body.DeepClone();
        if (copy is not JsonObject o) return JsonValue.Create("abc")!;
        var state = ctx.RequestServices.GetRequiredService<EmulatorState>();
        bool listAsObject = Interlocked.Increment(ref state.WrongTypeCounter) % 2 == 0;
        var countKey = o.Select(p => p.Key).FirstOrDefault(k => k is "count" or "total");
        var listKey = o.Where(p => p.Value is JsonArray).Select(p => p.Key).FirstOrDefault();
        if ((listAsObject || countKey is null) && listKey is not null)
        {
            var arr = (JsonArray)o[listKey]!;
            var obj = new JsonObject();
            for (int i = 0; i < arr.Count; i++) obj[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = arr[i]?.DeepClone();
            o[listKey] = obj;
        }
        else if (countKey is not null) o[countKey] = "abc";
        else
        {
            // A detail object: turn its first number or boolean into a string, or its first string into a number.
            var first = o.FirstOrDefault(p => p.Value is JsonValue);
            if (first.Key is not null)
                o[first.Key] = first.Value!.GetValueKind() == JsonValueKind.String ? JsonValue.Create(12345) : JsonValue.Create("abc");
        }
        return o;
    }
}
