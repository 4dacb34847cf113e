using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace MigrationTools.Core.Errors;

/// <summary>The base of every error the client library raises on purpose. Messages never hold secrets.</summary>
public abstract class HuaweiCloudException : Exception
{
    protected HuaweiCloudException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>A stable, specific identifier for the ErrorRecord (e.g. "ServiceError.DCS.4133").</summary>
    public abstract string ErrorId { get; }

    /// <summary>
    /// The failure would fail every other request of the command too (a wrong setting, no or bad credentials, 401
    /// and 403, an endpoint that does not answer): a command over many inputs stops rather than try each one, and
    /// sends no more badly signed requests (five in a row lock the access key).
    /// </summary>
    public bool FailsEveryRequest =>
        this is HuaweiCloudConfigurationException or CredentialsNotFoundException or HuaweiCloudTransportException
            or ProfileStoreException or Credentials.MetadataUnavailableException or CredentialsRefusedException
        || (this is HuaweiCloudServiceException s && (s.StatusCode == HttpStatusCode.Unauthorized || s.StatusCode == HttpStatusCode.Forbidden));
}

/// <summary>The service answered with an error status: its error_code, error_msg and X-Request-Id are kept.</summary>
public sealed class HuaweiCloudServiceException : HuaweiCloudException
{
    /// <param name="notFoundCodes">The API's error codes that mean "no such object" (its description's, see Apis.ServiceApi).</param>
    public HuaweiCloudServiceException(string operation, HttpStatusCode statusCode, string? errorCode, string? errorMessage, string? requestId, string? bodyStart = null, int retries = 0,
        IReadOnlyList<string>? notFoundCodes = null)
        : base(Compose(operation, statusCode, errorCode, errorMessage, requestId, bodyStart, retries))
    {
        _bodyStart = bodyStart;
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        Retries = retries;
        _notFoundCodes = notFoundCodes ?? Array.Empty<string>();
    }

    private readonly IReadOnlyList<string> _notFoundCodes;
    private readonly string? _bodyStart;

    /// <summary>The same answer again, for another request that waited on this one (a locked key).</summary>
    internal HuaweiCloudServiceException Repeat() =>
        new(Operation, StatusCode, ErrorCode, ErrorMessage, RequestId, _bodyStart, Retries, _notFoundCodes);

    /// <summary>How many times the request was retried before this answer was given up on (0: not retried).</summary>
    public int Retries { get; }

    public string Operation { get; }
    public HttpStatusCode StatusCode { get; }
    public string? ErrorCode { get; }
    public string? ErrorMessage { get; }
    public string? RequestId { get; }

    /// <summary>The ErrorId of a locked access key (<see cref="IsAccessKeyLocked"/>).</summary>
    public const string AccessKeyLockedErrorId = "AccessKeyLocked";

    /// <summary>The service's error code when it sent one, else the HTTP status; a locked key has its own.</summary>
    public override string ErrorId => IsAccessKeyLocked ? AccessKeyLockedErrorId : "ServiceError." + (string.IsNullOrEmpty(ErrorCode) ? "Http" + (int)StatusCode : ErrorCode);

    /// <summary>
    /// The gateway has locked the access key after refused signatures: "AK access failed to reach the limit,forbidden."
    /// (APIG.0301 / APIGW.0301, spelt with or without a space or period after the comma).
    /// </summary>
    public bool IsAccessKeyLocked => IsLockMessage(ErrorMessage);

    internal static bool IsLockMessage(string? message) =>
        message is not null && message.IndexOf("failed to reach the limit", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>HTTP 404, or an error code the API's description lists as "no such object" (whatever status carries it).</summary>
    public bool IsNotFound =>
        StatusCode == HttpStatusCode.NotFound || (ErrorCode is not null && _notFoundCodes.Contains(ErrorCode));

    /// <summary>A signature the gateway refused (APIG.0301 / APIGW.0301, or any 401).</summary>
    public bool IsAuthenticationFailure => StatusCode == HttpStatusCode.Unauthorized;

    private static string Compose(string operation, HttpStatusCode status, string? code, string? msg, string? requestId, string? bodyStart, int retries)
    {
        var text = string.IsNullOrEmpty(code)
            ? $"{operation} failed: HTTP {(int)status} {status}."
            : string.IsNullOrWhiteSpace(msg) ? $"{operation} failed: {code} (no error_msg). (HTTP {(int)status})"
            : $"{operation} failed: {code}: {msg!.TrimEnd('.')}. (HTTP {(int)status})";
        if (string.IsNullOrEmpty(code) && !string.IsNullOrEmpty(msg)) text += " " + msg;
        if (string.IsNullOrEmpty(code) && !string.IsNullOrEmpty(bodyStart)) text += $" The answer was not a service error; it starts: {bodyStart}";
        // A gateway's error inside a 200: show what came, so nobody takes it for an empty result.
        else if ((int)status < 300 && !string.IsNullOrEmpty(bodyStart)) text += $" The error came with a success status; the answer starts: {bodyStart}";
        text += $" Request id: {(string.IsNullOrEmpty(requestId) ? "(none)" : requestId)}.";
        if (retries > 0)
            text += $" Gave up after {retries} {(retries == 1 ? "retry" : "retries")}; raise -MaxRetries (or $env:MIGRATIONTOOLS_MAX_RETRIES) to keep trying longer.";
        if (IsLockMessage(msg))
            text += " The gateway has locked this access key for about five minutes: refused signatures (five in a row, from anywhere: this"
                + " computer or another, a runbook, a colleague using the same key) lock it, and while it is locked every request with it is"
                + " refused, even with the right secret key. Wait about five minutes, then try again with the right secret key; trying"
                + " sooner is refused the same way.";
        else if (status == HttpStatusCode.Unauthorized)
            text += " Check the access key and secret key (and the security token of temporary credentials), and that this computer's clock is right: the gateway refuses a signature more than 15 minutes off.";
        return text;
    }
}

/// <summary>
/// Not sent: the gateway refused signatures of this access key and secret key before, in this process; sending more
/// would walk the key into the gateway's lockout.
/// </summary>
public sealed class CredentialsRefusedException : HuaweiCloudException
{
    internal CredentialsRefusedException(Credentials.HuaweiCloudCredentials credentials, int refusals, HuaweiCloudServiceException? last)
        : base(Compose(credentials, refusals, last))
    {
        AccessKey = credentials.MaskedAccessKey;
        Refusals = refusals;
    }

    /// <summary>The access key, masked.</summary>
    public string AccessKey { get; }

    /// <summary>How many signatures of the pair the gateway refused in this process.</summary>
    public int Refusals { get; }

    public override string ErrorId => "CredentialsRefused";

    private static string Compose(Credentials.HuaweiCloudCredentials c, int refusals, HuaweiCloudServiceException? last)
    {
        var what = last is null ? "" : $" (last: {last.ErrorCode ?? "HTTP " + (int)last.StatusCode}{(string.IsNullOrWhiteSpace(last.ErrorMessage) ? "" : " '" + last.ErrorMessage!.TrimEnd('.') + "'")}, request id {last.RequestId ?? "(none)"})";
        return $"Not sent: the gateway refused the signature made with access key {c.MaskedAccessKey} and this secret key"
            + $"{(c.SecurityToken is null ? "" : " and security token")} ({c.Source}) {(refusals == 1 ? "once" : refusals + " times")} in this PowerShell process{what}."
            + " More refused signatures would lock the key: five in a row lock it for about five minutes, for every program that uses it."
            + " Correct the secret key (-SecretKey, the profile, or $env:HUAWEICLOUD_SDK_SK): a changed key pair is tried at once."
            + " If these keys are right and the cause is fixed (this computer's clock, a key just created), start a new PowerShell session to try them again.";
    }
}

/// <summary>What was wrong with an answer that could not be read.</summary>
public enum MalformedKind
{
    /// <summary>No body at all (or only white space).</summary>
    Empty,
    /// <summary>An HTML page, typically from a proxy or load balancer in front of the service.</summary>
    Html,
    /// <summary>Not valid JSON, typically cut off mid-answer.</summary>
    InvalidJson,
    /// <summary>Valid JSON of the wrong shape: a field of the wrong type, a list sent as an object, null.</summary>
    UnexpectedJson,
    /// <summary>Valid JSON without a member the API always sends (the list of a page; any known field of an object).</summary>
    MissingField,
    /// <summary>Larger, once decompressed, than the limit ($env:MIGRATIONTOOLS_MAX_RESPONSE_BYTES).</summary>
    TooLarge,
    /// <summary>A Content-Encoding that does not match the body (gzip announced on plain text) or is not supported.</summary>
    InvalidEncoding,
}

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

/// <summary>
/// The request could not be completed: the endpoint did not answer (EndpointUnreachable), or it answered and the
/// connection closed before the whole body came (ResponseCutOff); either kept failing until the retries ran out.
/// </summary>
public sealed class HuaweiCloudTransportException : HuaweiCloudException
{
    public HuaweiCloudTransportException(string operation, Uri endpoint, string problem, Exception? inner = null)
        : this(operation, endpoint, "EndpointUnreachable", $"{operation} could not reach {endpoint.GetLeftPart(UriPartial.Authority)}: {problem}", inner)
    {
    }

    private HuaweiCloudTransportException(string operation, Uri endpoint, string errorId, string message, Exception? inner)
        : base(message, inner)
    {
        Operation = operation;
        Endpoint = endpoint;
        ErrorId = errorId;
    }

    /// <summary>The endpoint answered, but every attempt's body was cut off before its end.</summary>
    public static HuaweiCloudTransportException CutOff(string operation, Uri endpoint, string problem, Exception inner) =>
        new(operation, endpoint, "ResponseCutOff", $"{operation}: the answer of {endpoint.GetLeftPart(UriPartial.Authority)} was cut off: {problem}", inner);

    public string Operation { get; }
    public Uri Endpoint { get; }
    public override string ErrorId { get; }
}

/// <summary>The caller's input or configuration is wrong (unknown region, bad endpoint, page size out of range...).</summary>
public sealed class HuaweiCloudConfigurationException : HuaweiCloudException
{
    public HuaweiCloudConfigurationException(string errorId, string parameterName, string message)
        : base(message)
    {
        Id = errorId;
        ParameterName = parameterName;
    }

    private string Id { get; }

    /// <summary>The parameter (or setting) the message is about.</summary>
    public string ParameterName { get; }
    public override string ErrorId => Id;
}

/// <summary>No source in the credential chain gave credentials.</summary>
public sealed class CredentialsNotFoundException : HuaweiCloudException
{
    public CredentialsNotFoundException(string message) : base(message) { }
    public override string ErrorId => "CredentialsNotFound";
}

/// <summary>The profile store cannot be read or written (damaged, locked, too new). Names the file, never its contents.</summary>
public sealed class ProfileStoreException : HuaweiCloudException
{
    /// <summary>Another writer held the lock for the whole timeout.</summary>
    public const string Locked = "ProfileStoreLocked";
    /// <summary>The store's folder is on a read-only file system (EROFS).</summary>
    public const string ReadOnly = "ProfileStoreReadOnly";
    /// <summary>The folder or a file refuses writing (EACCES / access denied).</summary>
    public const string AccessDenied = "ProfileStoreAccessDenied";
    /// <summary>A parent of the store is a file, or part of the path cannot exist.</summary>
    public const string ParentNotFolder = "ProfileStoreParentNotFolder";
    /// <summary>The store path is a folder.</summary>
    public const string IsFolder = "ProfileStoreIsFolder";
    /// <summary>The store is a symbolic link that cannot be followed for writing.</summary>
    public const string LinkNotSupported = "ProfileStoreLinkNotFollowed";
    /// <summary>Any other write failure (disk full...), with the system's message.</summary>
    public const string WriteFailed = "ProfileStoreWriteFailed";

    public ProfileStoreException(string errorId, string path, string message, Exception? inner = null) : base(message, inner)
    {
        Id = errorId;
        Path = path;
    }

    private string Id { get; }

    /// <summary>The store file.</summary>
    public string Path { get; }
    public override string ErrorId => Id;
}
