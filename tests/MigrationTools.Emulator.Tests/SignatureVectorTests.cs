using System.Text;
using System.Text.Json.Nodes;
using MigrationTools.Emulator.Gateway;

namespace MigrationTools.Emulator.Tests;

/// <summary>The gateway verifier against the 16 requests signed by the official SDK signers.</summary>
public class SignatureVectorTests
{
    public static IEnumerable<object[]> Vectors()
    {
        var arr = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sdk-hmac-sha256-vectors.json")))!.AsArray();
        return arr.Select(v => new object[] { v!["name"]!.GetValue<string>() });
    }

    private static JsonObject Vector(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sdk-hmac-sha256-vectors.json")))!
            .AsArray().Single(v => v!["name"]!.GetValue<string>() == name)!.AsObject();

    /// <summary>The request as the gateway would receive it: raw path, raw query, headers, body.</summary>
    private static (string Method, string Path, string Query, Dictionary<string, string> Headers, byte[] Body, SdkAuthorization Auth, string Sk)
        Request(JsonObject v)
    {
        string path, query;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (v["url_sent"] is JsonNode sent)
        {
            var u = sent.GetValue<string>();
            var afterHost = u[(u.IndexOf("://", StringComparison.Ordinal) + 3)..];
            var pq = afterHost[afterHost.IndexOf('/')..];
            int q = pq.IndexOf('?');
            path = q < 0 ? pq : pq[..q];
            query = q < 0 ? "" : pq[(q + 1)..];
            foreach (var (k, val) in v["final_headers"]!.AsObject()) headers[k] = val!.ToString();
        }
        else
        {
            // Go entries: no url_sent; the SDK sends the query sorted and encoded.
            path = v["resource_path_input"]!.GetValue<string>();
            query = string.Join("&", v["query_params_input"]!.AsArray()
                .Select(p => (K: p![0]!.ToString(), V: p[1]!.ToString()))
                .OrderBy(p => p.K, StringComparer.Ordinal)
                .Select(p => TestSigner.Enc(p.K) + "=" + TestSigner.Enc(p.V)));
            foreach (var (k, val) in v["headers_input"]!.AsObject()) headers[k] = val!.ToString();
            headers["Host"] = v["host"]!.GetValue<string>();
            headers["Authorization"] = v["authorization"]!.GetValue<string>();
        }
        var body = v["body"] is JsonNode b ? Encoding.UTF8.GetBytes(b.GetValue<string>()) : [];
        Assert.True(SignatureVerifier.TryParseAuthorization(headers["Authorization"], out var auth, out var err), err);
        return (v["method"]!.GetValue<string>(), path, query, headers, body, auth!, v["sk"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verifier_accepts_every_sdk_vector(string name)
    {
        var v = Vector(name);
        var r = Request(v);
        bool ok = SignatureVerifier.Verify(r.Auth, r.Sk, r.Method, r.Path, r.Query,
            h => r.Headers.TryGetValue(h, out var x) ? x : null, r.Body, out var canonical);
        if (v["canonical_request"] is JsonNode expected) Assert.Equal(expected.GetValue<string>(), canonical);
        Assert.True(ok, $"{name}: signature not accepted");
        Assert.Contains("x-sdk-date", r.Auth.SignedHeaders);
    }

    [Fact]
    public void All_sixteen_vectors_are_present()
    {
        Assert.Equal(16, Vectors().Count());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verifier_rejects_a_flipped_signature(string name)
    {
        var r = Request(Vector(name));
        var sig = r.Auth.Signature;
        var flipped = r.Auth with { Signature = (sig[0] == 'a' ? 'b' : 'a') + sig[1..] };
        Assert.False(SignatureVerifier.Verify(flipped, r.Sk, r.Method, r.Path, r.Query,
            h => r.Headers.TryGetValue(h, out var x) ? x : null, r.Body, out _));
    }

    [Fact]
    public void Verifier_rejects_a_changed_query_value_and_a_changed_signed_header()
    {
        var r = Request(Vector("get-dcs-list-migration-tasks-simple"));
        string? H(string h) => r.Headers.TryGetValue(h, out var x) ? x : null;
        Assert.False(SignatureVerifier.Verify(r.Auth, r.Sk, r.Method, r.Path, "limit=11&offset=0", H, r.Body, out _));
        Assert.False(SignatureVerifier.Verify(r.Auth, r.Sk, r.Method, r.Path, r.Query,
            h => h == "x-project-id" ? "ffffffffffffffffffffffffffffffff" : H(h), r.Body, out _));
        Assert.False(SignatureVerifier.Verify(r.Auth, r.Sk + "x", r.Method, r.Path, r.Query, H, r.Body, out _));
    }

    [Fact]
    public void Canonical_query_sorts_decoded_pairs_and_reencodes()
    {
        Assert.Equal("a=1&status=x-1&status=x%2F1&status=z&status=%C3%A9",
            SignatureVerifier.CanonicalQuery("status=z&status=x%2F1&status=%C3%A9&status=x-1&a=1"));
        Assert.Equal("empty=&flag=true", SignatureVerifier.CanonicalQuery("flag=true&empty"));
        Assert.Equal("/v2/p/migration-task/task%20id%2B1/stats/", SignatureVerifier.CanonicalUri("/v2/p/migration-task/task%20id+1/stats"));
    }

    [Fact]
    public void Authorization_parser_rejects_incomplete_headers()
    {
        Assert.False(SignatureVerifier.TryParseAuthorization(null, out _, out _));
        Assert.False(SignatureVerifier.TryParseAuthorization("Bearer abc", out _, out _));
        Assert.False(SignatureVerifier.TryParseAuthorization("SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date", out _, out _));
    }
}
