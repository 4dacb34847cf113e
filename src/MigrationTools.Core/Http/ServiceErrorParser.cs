using System.Net;
using System.Text;
using System.Text.Json;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Http;

/// <summary>
/// Reads the error bodies the services and the gateway send: {"error_code","error_msg"} (DCS, DRS, DMS, APIG,
/// which adds "request_id"), {"code","message"}, and IAM's {"error":{"code","message"}}. Anything else
/// (an HTML page from a proxy) is kept as the start of the body.
/// </summary>
internal static class ServiceErrorParser
{
    public static HuaweiCloudServiceException ToException(string operation, HttpStatusCode status, string body, string? requestId, int retries = 0, IReadOnlyList<string>? notFoundCodes = null)
    {
        string? code = null, message = null;
        if (TryParse(body, out var root)) Read(root, out code, out message, ref requestId);
        else if (PartialFields(body) is { Count: > 0 } fields)
        {
            // Only the start of an error body is read (or it was cut off): its leading fields still say what failed.
            string? Field(string name) => fields.TryGetValue(name, out var v) ? v : null;
            code = Field("error_code") ?? Field("code") ?? Field("error.code") ?? Field("error.error_code");
            message = Field("error_msg") ?? Field("message") ?? Field("error_description") ?? Field("error.message") ?? Field("error.error_msg");
            requestId ??= Field("request_id");
        }
        var bodyStart = code is null ? HuaweiCloudClient.BodyStart(body) : null;
        return new HuaweiCloudServiceException(operation, status, code, message, requestId, bodyStart, retries, notFoundCodes);
    }

    /// <summary>
    /// A service error inside a success status (some gateways answer 200 with {"error_code","error_msg"}), or null
    /// when the object carries no error code.
    /// </summary>
    public static HuaweiCloudServiceException? FromSuccessBody(string operation, HttpStatusCode status, JsonElement root, string bodyStart, string? requestId)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        Read(root, out var code, out var message, ref requestId);
        // Only the shapes that name themselves errors: a bare "code" could be a field of a real answer.
        var named = Text(root, "error_code") is not null || (root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object);
        return named && code is not null ? new HuaweiCloudServiceException(operation, status, code, message, requestId, bodyStart) : null;
    }

    private static void Read(JsonElement root, out string? code, out string? message, ref string? requestId)
    {
        code = Text(root, "error_code") ?? Text(root, "code");
        message = Text(root, "error_msg") ?? Text(root, "message") ?? Text(root, "error_description");
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            code ??= Text(error, "code") ?? Text(error, "error_code");
            message ??= Text(error, "message") ?? Text(error, "error_msg");
        }
        requestId ??= Text(root, "request_id");
    }

    public static string? RequestIdFromBody(string body) =>
        TryParse(body, out var root) ? Text(root, "request_id") : null;

    /// <summary>The error code of a JSON error body, for retry logging; null when there is none.</summary>
    public static string? ErrorCodeOf(string body) =>
        TryParse(body, out var root) ? Text(root, "error_code") ?? Text(root, "code") : null;

    /// <summary>The text and number fields of an incomplete JSON object, top level and inside "error" (as "error.code").</summary>
    private static Dictionary<string, string> PartialFields(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{') return fields;
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body), isFinalBlock: false, state: default);
        string? name = null;
        string? parent = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        name = reader.GetString();
                        break;
                    case JsonTokenType.String or JsonTokenType.Number when name is not null && (reader.CurrentDepth == 1 || (reader.CurrentDepth == 2 && parent == "error")):
                        var key = reader.CurrentDepth == 1 ? name : "error." + name;
                        var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                        if (!string.IsNullOrWhiteSpace(value)) fields[key] = value!;
                        break;
                    case JsonTokenType.StartObject when reader.CurrentDepth == 1:
                        parent = name;
                        break;
                    case JsonTokenType.EndObject when reader.CurrentDepth == 1:
                        parent = null;
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Broken further on (or not UTF-8): what was read so far stands.
        }
        return fields;
    }

    private static bool TryParse(string body, out JsonElement root)
    {
        root = default;
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{') return false;
        try
        {
            using var doc = JsonDocument.Parse(body);
            root = doc.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => Decoded(value) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    /// <summary>A string's value, or null when its bytes are not valid UTF-8 (a broken body still gives its error).</summary>
    private static string? Decoded(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
