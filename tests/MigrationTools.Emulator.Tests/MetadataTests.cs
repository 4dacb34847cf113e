using System.Text.Json.Nodes;

namespace MigrationTools.Emulator.Tests;

public class MetadataTests
{
    private static async Task<(string Ak, string Sk, string Token, string Expires)> Fetch(HttpClient http, EmulatorHost host)
    {
        var put = new HttpRequestMessage(HttpMethod.Put, new Uri(host.BaseUri, "/meta-data/latest/api/token"));
        put.Headers.Add("X-Metadata-Token-Ttl-Seconds", "21600");
        var tokenResp = await http.SendAsync(put);
        Assert.Equal(200, (int)tokenResp.StatusCode);
        var token = await tokenResp.Content.ReadAsStringAsync();
        var get = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUri, "/openstack/latest/securitykey"));
        get.Headers.Add("X-Metadata-Token", token);
        var resp = await http.SendAsync(get);
        Assert.Equal(200, (int)resp.StatusCode);
        var c = JsonNode.Parse(await resp.Content.ReadAsStringAsync())!["credential"]!;
        return (c["access"]!.GetValue<string>(), c["secret"]!.GetValue<string>(), c["securitytoken"]!.GetValue<string>(),
            c["expires_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task Temporary_credentials_work_until_they_expire()
    {
        var time = new FakeTime(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            TimeProvider = time, TemporaryCredentialLifetime = TimeSpan.FromHours(1),
        });
        using var http = new HttpClient();
        var a = await Fetch(http, host);
        var b = await Fetch(http, host);
        Assert.NotEqual(a.Ak, b.Ak);
        Assert.NotEqual(a.Token, b.Token);
        Assert.Equal("2026-11-22T11:00:00.000000Z", a.Expires);
        Assert.Equal(2, host.Requests.CountWhere(r => r.Path == "/openstack/latest/securitykey"));

        async Task<int> Call(string? token, bool signToken = true)
        {
            var req = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUri, $"/v2/{host.ProjectId}/migration-tasks"));
            if (token is not null && !signToken) req.Headers.TryAddWithoutValidation("X-Security-Token", token);
            TestSigner.Sign(req, a.Ak, a.Sk, time.Now, host.ProjectId, signToken ? token : null);
            return (int)(await http.SendAsync(req)).StatusCode;
        }
        Assert.Equal(200, await Call(a.Token));
        Assert.Equal(401, await Call(null));           // no token
        Assert.Equal(401, await Call(b.Token));        // another credential's token
        Assert.Equal(401, await Call(a.Token, false)); // token present but not signed
        time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(401, await Call(a.Token));        // expired
    }

    [Fact]
    public async Task Securitykey_needs_a_valid_metadata_token()
    {
        await using var host = await EmulatorHost.StartAsync();
        using var http = new HttpClient();
        Assert.Equal(401, (int)(await http.GetAsync(new Uri(host.BaseUri, "/openstack/latest/securitykey"))).StatusCode);
        var put = new HttpRequestMessage(HttpMethod.Put, new Uri(host.BaseUri, "/meta-data/latest/api/token"));
        Assert.Equal(400, (int)(await http.SendAsync(put)).StatusCode);
        var log = host.Requests.Snapshot();
        Assert.All(log, l => Assert.False(l.Headers.TryGetValue("X-Metadata-Token", out var v) && v != "[REDACTED]"));
    }
}
