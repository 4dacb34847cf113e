using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MigrationTools.Emulator.Gateway;

/// <summary>The parts of an "Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=..." header.</summary>
internal sealed record SdkAuthorization(string AccessKey, IReadOnlyList<string> SignedHeaders, string Signature);

/// <summary>
/// The gateway side of SDK-HMAC-SHA256, written from the algorithm description only (it must stay independent of
/// the module's own signer). Everything is recomputed from the request as received: raw path, raw query string,
/// the header values the client says it signed, and the body.
/// </summary>
internal static class SignatureVerifier
{
    public const string Algorithm = "SDK-HMAC-SHA256";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    public static bool TryParseAuthorization(string? header, out SdkAuthorization? auth, out string error)
    {
        auth = null;
        if (string.IsNullOrWhiteSpace(header)) { error = "Authorization header not found"; return false; }
        header = header.Trim();
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal)) { error = "unsupported authorization algorithm"; return false; }
        string? access = null, signed = null, signature = null;
        foreach (var part in header[(Algorithm.Length + 1)..].Split(','))
        {
            var p = part.Trim();
            int eq = p.IndexOf('=');
            if (eq <= 0) continue;
            var key = p[..eq].Trim();
            var value = p[(eq + 1)..].Trim();
            switch (key)
            {
                case "Access": access = value; break;
                case "SignedHeaders": signed = value; break;
                case "Signature": signature = value; break;
            }
        }
        if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(signed) || string.IsNullOrEmpty(signature))
        {
            error = "authorization header is incomplete"; return false;
        }
        var names = signed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        auth = new SdkAuthorization(access, names, signature);
        error = "";
        return true;
    }

    public static bool TryParseDate(string? value, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    /// <summary>Percent-encodes the UTF-8 bytes of <paramref name="s"/>; only A-Z a-z 0-9 - _ . ~ stay as they are.</summary>
    public static string Encode(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_' || b == '.' || b == '~')
                sb.Append((char)b);
            else
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Decodes %XX sequences (as UTF-8). A '+' stays a '+': the SDK sends a space as %20.</summary>
    public static string Decode(string s) => s.Contains('%') ? Uri.UnescapeDataString(s) : s;

    /// <summary>The canonical URI of a raw (still encoded) path: decoded, each segment re-encoded, ending in '/'.
    /// The whole path is decoded before it is split (the algorithm's order, and the SDKs'): an escaped '/' (%2F)
    /// inside an id is signed as a '/'.</summary>
    public static string CanonicalUri(string rawPath)
    {
        if (string.IsNullOrEmpty(rawPath)) rawPath = "/";
        var segments = Decode(rawPath).Split('/');
        var sb = new StringBuilder(rawPath.Length + 8);
        for (int i = 0; i < segments.Length; i++)
        {
            if (i > 0) sb.Append('/');
            sb.Append(Encode(segments[i]));
        }
        if (sb.Length == 0 || sb[^1] != '/') sb.Append('/');
        return sb.ToString();
    }

    /// <summary>The canonical query of a raw query string (without the '?'): pairs decoded, sorted by key then value
    /// (code-point order), re-encoded, joined "k=v" with '&amp;'.</summary>
    public static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.StartsWith('?')) rawQuery = rawQuery[1..];
        if (rawQuery.Length == 0) return "";
        var pairs = new List<(string Key, string Value)>();
        foreach (var piece in rawQuery.Split('&'))
        {
            if (piece.Length == 0) continue;
            int eq = piece.IndexOf('=');
            var k = eq < 0 ? piece : piece[..eq];
            var v = eq < 0 ? "" : piece[(eq + 1)..];
            pairs.Add((Decode(k), Decode(v)));
        }
        pairs.Sort((a, b) =>
        {
            int c = Utf8Compare(a.Key, b.Key);
            return c != 0 ? c : Utf8Compare(a.Value, b.Value);
        });
        return string.Join("&", pairs.Select(p => Encode(p.Key) + "=" + Encode(p.Value)));
    }

    private static int Utf8Compare(string a, string b)
    {
        // UTF-8 byte order equals code-point order (what the SDK's sort gives), unlike UTF-16 ordinal order.
        var x = Encoding.UTF8.GetBytes(a);
        var y = Encoding.UTF8.GetBytes(b);
        return x.AsSpan().SequenceCompareTo(y);
    }

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string CanonicalRequest(string method, string rawPath, string rawQuery,
        IReadOnlyList<string> signedHeaders, Func<string, string?> headerValue, string payloadHash)
    {
        var sb = new StringBuilder(512);
        sb.Append(method.ToUpperInvariant()).Append('\n');
        sb.Append(CanonicalUri(rawPath)).Append('\n');
        sb.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var name in signedHeaders)
            sb.Append(name.ToLowerInvariant()).Append(':').Append((headerValue(name) ?? "").Trim()).Append('\n');
        sb.Append('\n');
        sb.Append(string.Join(";", signedHeaders.Select(h => h.ToLowerInvariant()))).Append('\n');
        sb.Append(payloadHash);
        return sb.ToString();
    }

    public static string StringToSign(string sdkDate, string canonicalRequest) =>
        Algorithm + "\n" + sdkDate + "\n" + HexSha256(Encoding.UTF8.GetBytes(canonicalRequest));

    public static string Signature(string secretKey, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(stringToSign)));

    public static bool SignatureEquals(string expectedHex, string receivedHex) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expectedHex), Encoding.ASCII.GetBytes(receivedHex.ToLowerInvariant()));

    /// <summary>Verifies a request given as raw parts (used by the gateway and by the unit tests on the SDK vectors).
    /// Checks only the signature itself, not the date window nor the credentials.</summary>
    public static bool Verify(SdkAuthorization auth, string secretKey, string method, string rawPath, string rawQuery,
        Func<string, string?> headerValue, ReadOnlySpan<byte> body, out string canonicalRequest)
    {
        var date = headerValue("x-sdk-date") ?? "";
        var contentSha = headerValue("x-sdk-content-sha256");
        var payloadHash = string.Equals(contentSha?.Trim(), UnsignedPayload, StringComparison.Ordinal)
            ? UnsignedPayload
            : HexSha256(body);
        canonicalRequest = CanonicalRequest(method, rawPath, rawQuery, auth.SignedHeaders, headerValue, payloadHash);
        var expected = Signature(secretKey, StringToSign(date.Trim(), canonicalRequest));
        return SignatureEquals(expected, auth.Signature);
    }
}
