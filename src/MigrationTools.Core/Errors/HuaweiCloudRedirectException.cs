using System.Net;

namespace MigrationTools.Core.Errors;

/// <summary>
/// The service answered with a redirect (3xx). It is never followed: the signed request carries the security token
/// and project id, which must not reach any host but the resolved endpoint.
/// </summary>
public sealed class HuaweiCloudRedirectException : HuaweiCloudException
{
    public HuaweiCloudRedirectException(string operation, HttpStatusCode statusCode, Uri endpoint, string? targetHost, string? requestId)
        : base($"{operation} was answered HTTP {(int)statusCode} {statusCode}, a redirect to {(targetHost is null ? "no given address" : "host " + targetHost)}. " +
               $"Redirects are not followed, so that the signature and security token never leave {endpoint.Host}. " +
               $"Check -Endpoint / -Region: a proxy or gateway in between may be sending the request elsewhere. Request id: {(string.IsNullOrEmpty(requestId) ? "(none)" : requestId)}.")
    {
        Operation = operation;
        StatusCode = statusCode;
        TargetHost = targetHost;
        RequestId = requestId;
    }

    public string Operation { get; }
    public HttpStatusCode StatusCode { get; }
    /// <summary>The host (and port, when not the default) of the Location header, the endpoint's own for a relative one; null when there was none.</summary>
    public string? TargetHost { get; }
    public string? RequestId { get; }
    public override string ErrorId => "ServiceError.Redirect";
}
