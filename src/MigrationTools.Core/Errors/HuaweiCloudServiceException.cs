using System.Net;

namespace MigrationTools.Core.Errors;

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
