using System.Globalization;
using MigrationTools.Core.Credentials;

namespace MigrationTools.Core.Signing;

/// <summary>
/// Signs a request the way the official SDKs do: adds X-Sdk-Date, Host, X-Project-Id and X-Security-Token
/// before signing (so they are signed), marks non-JSON bodies UNSIGNED-PAYLOAD, then adds Authorization.
/// </summary>
public static class RequestSigner
{
    public const string ProjectIdHeader = "X-Project-Id";
    public const string SecurityTokenHeader = "X-Security-Token";

    /// <summary>
    /// Adds the credential headers to <paramref name="input"/>.Headers, signs, and adds Authorization.
    /// </summary>
    /// <param name="host">The Host header value: the authority, with the port when it is not the default.</param>
    public static SigningResult Sign(SigningInput input, string host, HuaweiCloudCredentials credentials, string? projectId, DateTimeOffset now)
    {
        if (input is null) throw new ArgumentNullException(nameof(input));
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        var headers = input.Headers;
        headers[SdkHmacSha256.DateHeader] = now.UtcDateTime.ToString(SdkHmacSha256.DateFormat, CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(projectId)) headers[ProjectIdHeader] = projectId!;
        if (credentials.SecurityToken is not null) headers[SecurityTokenHeader] = credentials.SecurityToken;
        headers["Host"] = host;
        if (input.Body is { Length: > 0 } && headers.TryGetValue("Content-Type", out var contentType)
            && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            headers[SdkHmacSha256.ContentSha256Header] = SdkHmacSha256.UnsignedPayload;
        }

        var result = SdkHmacSha256.Sign(input, credentials.AccessKey, credentials.SecretKey);
        headers["Authorization"] = result.Authorization;
        return result;
    }
}
