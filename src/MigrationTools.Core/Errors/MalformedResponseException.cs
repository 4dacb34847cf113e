using System.Net;

namespace MigrationTools.Core.Errors;

/// <summary>The service answered 2xx, but not with what its API promises (HTML from a proxy, truncated JSON, a wrong type, an empty body).</summary>
public sealed class MalformedResponseException : HuaweiCloudException
{
    public MalformedResponseException(string operation, HttpStatusCode statusCode, MalformedKind kind, string problem, string bodyStart, string? requestId, Exception? inner = null, string? field = null)
        : base($"{operation} returned an answer that could not be read (HTTP {(int)statusCode}): {problem} The answer starts: {(bodyStart.Length == 0 ? "(empty)" : bodyStart)} Request id: {(string.IsNullOrEmpty(requestId) ? "(none)" : requestId)}.", inner)
    {
        Operation = operation;
        StatusCode = statusCode;
        Kind = kind;
        BodyStart = bodyStart;
        RequestId = requestId;
        Field = field;
    }

    /// <summary>The JSON path of the field at fault (e.g. "$.migration_tasks[3].created_at"), when one is.</summary>
    public string? Field { get; }

    public string Operation { get; }
    public HttpStatusCode StatusCode { get; }
    public MalformedKind Kind { get; }
    public string BodyStart { get; }
    public string? RequestId { get; }

    /// <summary>E.g. "MalformedResponse.InvalidJson": stable, and specific enough to act on.</summary>
    public override string ErrorId => "MalformedResponse." + Kind;
}
