using System.Security.Cryptography;
using System.Text;

namespace MigrationTools.Core.Signing;

/// <summary>
/// SDK-HMAC-SHA256, the AK/SK signature of Huawei Cloud's API gateway, as the official SDK signer computes it.
/// This class only canonicalizes and signs the headers it is given; <see cref="RequestSigner"/> adds the
/// headers the SDKs add (X-Sdk-Date, Host, X-Project-Id, X-Security-Token).
/// </summary>
public static class SdkHmacSha256
{
    public const string Algorithm = "SDK-HMAC-SHA256";
    public const string DateHeader = "X-Sdk-Date";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string ContentSha256Header = "X-Sdk-Content-Sha256";

    public static SigningResult Sign(SigningInput input, string accessKey, string secretKey)
    {
        if (input is null) throw new ArgumentNullException(nameof(input));
        if (string.IsNullOrEmpty(accessKey)) throw new ArgumentException("The access key is empty.", nameof(accessKey));
        if (string.IsNullOrEmpty(secretKey)) throw new ArgumentException("The secret key is empty.", nameof(secretKey));
        if (!TryGetHeader(input.Headers, DateHeader, out var date))
            throw new ArgumentException("The request has no X-Sdk-Date header to sign.", nameof(input));

        var canonicalQuery = CanonicalQueryString(input.Query);
        var signedNames = SignedHeaderNames(input.Headers);
        var signedHeaders = string.Join(";", signedNames);

        var sb = new StringBuilder(512);
        sb.Append(input.Method.ToUpperInvariant()).Append('\n');
        sb.Append(CanonicalUri(input.Path)).Append('\n');
        sb.Append(canonicalQuery).Append('\n');
        foreach (var name in signedNames)
        {
            TryGetHeader(input.Headers, name, out var value);
            sb.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }
        sb.Append('\n');
        sb.Append(signedHeaders).Append('\n');
        sb.Append(PayloadHash(input));
        var canonicalRequest = sb.ToString();

        var stringToSign = Algorithm + "\n" + date + "\n" + HexSha256(Encoding.UTF8.GetBytes(canonicalRequest));
        string signature;
        using (var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secretKey)))
        {
            signature = ToHex(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
        }
        var authorization = $"{Algorithm} Access={accessKey}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigningResult(canonicalQuery, canonicalRequest, stringToSign, signedHeaders, signature, authorization);
    }

    /// <summary>The path URL-decoded, each segment re-encoded, always ending in '/'.</summary>
    public static string CanonicalUri(string path)
    {
        var decoded = SdkEncoding.Decode(string.IsNullOrEmpty(path) ? "/" : path);
        var segments = decoded.Split('/');
        var encoded = string.Join("/", segments.Select(SdkEncoding.Encode));
        return encoded.EndsWith("/", StringComparison.Ordinal) ? encoded : encoded + "/";
    }

    /// <summary>Pairs sorted by raw key then raw value (ordinal), each side encoded, joined k=v with '&amp;'.</summary>
    public static string CanonicalQueryString(IEnumerable<KeyValuePair<string, string>> query)
    {
        var pairs = query
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value ?? string.Empty, StringComparer.Ordinal)
            .Select(p => SdkEncoding.Encode(p.Key) + "=" + SdkEncoding.Encode(p.Value ?? string.Empty));
        return string.Join("&", pairs);
    }

    private static List<string> SignedHeaderNames(IDictionary<string, string> headers)
    {
        var names = headers.Keys
            .Where(k => k.IndexOf('_') < 0)
            .Select(k => k.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static string PayloadHash(SigningInput input)
    {
        if (TryGetHeader(input.Headers, ContentSha256Header, out var declared) && declared == UnsignedPayload)
            return UnsignedPayload;
        return HexSha256(input.Body ?? Array.Empty<byte>());
    }

    private static bool TryGetHeader(IDictionary<string, string> headers, string name, out string value)
    {
        foreach (var pair in headers)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value ?? string.Empty;
                return true;
            }
        }
        value = string.Empty;
        return false;
    }

    internal static string HexSha256(byte[] data)
    {
        using var sha = SHA256.Create();
        return ToHex(sha.ComputeHash(data));
    }

    private static string ToHex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        const string hex = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = hex[bytes[i] >> 4];
            chars[2 * i + 1] = hex[bytes[i] & 0xF];
        }
        return new string(chars);
    }
}
