using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MigrationTools.Emulator.Tests;

/// <summary>A test-only SDK-HMAC-SHA256 signer, written separately from the emulator's verifier on purpose.</summary>
internal static class TestSigner
{
    public static string Enc(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(((int)b).ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Builds "path?k=v&amp;..." with the query sorted and encoded exactly as the SDK sends it.</summary>
    public static string PathAndQuery(string path, params (string Key, string Value)[] query)
    {
        if (query.Length == 0) return path;
        var sorted = query.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        return path + "?" + string.Join("&", sorted.Select(p => Enc(p.Key) + "=" + Enc(p.Value)));
    }

    public static void Sign(HttpRequestMessage req, string ak, string sk, DateTimeOffset? at = null,
        string? projectId = null, string? securityToken = null, bool signHost = true, byte[]? body = null)
    {
        var uri = req.RequestUri!;
        var date = (at ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        req.Headers.Remove("X-Sdk-Date");
        req.Headers.TryAddWithoutValidation("X-Sdk-Date", date);
        headers["x-sdk-date"] = date;
        if (projectId is not null) { req.Headers.TryAddWithoutValidation("X-Project-Id", projectId); headers["x-project-id"] = projectId; }
        if (securityToken is not null) { req.Headers.TryAddWithoutValidation("X-Security-Token", securityToken); headers["x-security-token"] = securityToken; }
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        req.Headers.Host = host;
        if (signHost) headers["host"] = host;
        foreach (var h in req.Headers)
        {
            var n = h.Key.ToLowerInvariant();
            if (n is "x-language" or "x-domain-id") headers[n] = string.Join(",", h.Value);
        }

        var segs = uri.AbsolutePath.Split('/').Select(s => Enc(Uri.UnescapeDataString(s)));
        var canonUri = string.Join("/", segs);
        if (!canonUri.EndsWith('/')) canonUri += "/";
        var pairs = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => { var i = p.IndexOf('='); return i < 0 ? (p, "") : (p[..i], p[(i + 1)..]); })
            .Select(p => (K: Uri.UnescapeDataString(p.Item1), V: Uri.UnescapeDataString(p.Item2)))
            .OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal);
        var canonQuery = string.Join("&", pairs.Select(p => Enc(p.K) + "=" + Enc(p.V)));
        var signedHeaders = string.Join(";", headers.Keys);
        var canonHeaders = string.Concat(headers.Select(h => h.Key + ":" + h.Value.Trim() + "\n"));
        var payload = Convert.ToHexStringLower(SHA256.HashData(body ?? []));
        var canonical = $"{req.Method.Method}\n{canonUri}\n{canonQuery}\n{canonHeaders}\n{signedHeaders}\n{payload}";
        var sts = $"SDK-HMAC-SHA256\n{date}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var sig = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(sk), Encoding.UTF8.GetBytes(sts)));
        req.Headers.TryAddWithoutValidation("Authorization", $"SDK-HMAC-SHA256 Access={ak}, SignedHeaders={signedHeaders}, Signature={sig}");
    }
}

internal sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;
    public DateTimeOffset Now => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    public override DateTimeOffset GetUtcNow() => Now;
}
