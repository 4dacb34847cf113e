using System;
using System.Collections.Generic;
using System.Net;
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
        if (TryParse(body, out var root))
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
        var bodyStart = code is null ? HuaweiCloudClient.BodyStart(body) : null;
        return new HuaweiCloudServiceException(operation, status, code, message, requestId, bodyStart, retries, notFoundCodes);
    }

    public static string? RequestIdFromBody(string body) =>
        TryParse(body, out var root) ? Text(root, "request_id") : null;

    /// <summary>The error code of a JSON error body, for retry logging; null when there is none.</summary>
    public static string? ErrorCodeOf(string body) =>
        TryParse(body, out var root) ? Text(root, "error_code") ?? Text(root, "code") : null;

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
            JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }
}
