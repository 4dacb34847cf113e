using System.Text.RegularExpressions;

namespace MigrationTools.Emulator.Tests;

public class GatewayTests(EmulatorFixture f) : EmulatorTestBase(f.Host, f.Http), IClassFixture<EmulatorFixture>
{
    private string Dcs => $"/v2/{P}/migration-tasks";

    private static void AssertApig401((int Status, System.Text.Json.Nodes.JsonNode? Body, HttpResponseMessage Response) r, string? contains = null)
    {
        Assert.Equal(401, r.Status);
        Assert.Equal("APIG.0301", r.Body!["error_code"]!.GetValue<string>());
        var rid = r.Response.Headers.GetValues("X-Request-Id").Single();
        Assert.Equal(rid, r.Body["request_id"]!.GetValue<string>());
        Assert.StartsWith("Incorrect IAM authentication information", r.Body["error_msg"]!.GetValue<string>());
        if (contains is not null) Assert.Contains(contains, r.Body["error_msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task Signed_request_passes_and_every_answer_has_a_unique_request_id()
    {
        var a = await Get(Dcs);
        var b = await Get(Dcs);
        Assert.Equal(200, a.Status);
        Assert.Equal("application/json; charset=UTF-8", a.Response.Content.Headers.ContentType!.ToString());
        var ida = a.Response.Headers.GetValues("X-Request-Id").Single();
        var idb = b.Response.Headers.GetValues("X-Request-Id").Single();
        Assert.Matches(new Regex("^[0-9a-f]{32}$"), ida);
        Assert.NotEqual(ida, idb);
    }

    [Fact]
    public async Task Request_without_project_header_passes()
    {
        var r = await Get(Dcs, projectHeader: false);
        Assert.Equal(200, r.Status);
    }

    [Fact]
    public async Task Flipped_signature_is_401_APIG_0301()
    {
        var req = Signed(Dcs);
        var auth = req.Headers.GetValues("Authorization").Single();
        req.Headers.Remove("Authorization");
        var i = auth.IndexOf("Signature=", StringComparison.Ordinal) + 10;
        req.Headers.TryAddWithoutValidation("Authorization", auth[..i] + (auth[i] == '0' ? '1' : '0') + auth[(i + 1)..]);
        AssertApig401(await Send(req), "verify aksk signature fail");
    }

    [Fact]
    public async Task Old_or_future_date_is_rejected()
    {
        AssertApig401(await Send(Signed(Dcs, at: DateTimeOffset.UtcNow.AddMinutes(-16))), "15 minutes");
        AssertApig401(await Send(Signed(Dcs, at: DateTimeOffset.UtcNow.AddMinutes(16))), "15 minutes");
        Assert.Equal(200, (await Send(Signed(Dcs, at: DateTimeOffset.UtcNow.AddMinutes(-10)))).Status);
    }

    [Fact]
    public async Task Missing_headers_are_rejected()
    {
        var noDate = Signed(Dcs);
        noDate.Headers.Remove("X-Sdk-Date");
        AssertApig401(await Send(noDate));

        var noAuth = new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseUri, Dcs));
        AssertApig401(await Send(noAuth), "Authorization");

        // SignedHeaders without x-sdk-date.
        var req = Signed(Dcs);
        var auth = req.Headers.GetValues("Authorization").Single().Replace(";x-sdk-date", "");
        req.Headers.Remove("Authorization");
        req.Headers.TryAddWithoutValidation("Authorization", auth);
        AssertApig401(await Send(req), "x-sdk-date");
    }

    [Fact]
    public async Task Unknown_access_key_is_rejected()
    {
        var r = await Send(Signed(Dcs, ak: "EMULATORAKUNKNOWN000", sk: "x"));
        AssertApig401(r, "ak not exist");
    }

    [Fact]
    public async Task Request_signed_without_host_is_accepted_like_the_go_sdk()
    {
        var req = new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseUri, Dcs));
        TestSigner.Sign(req, Host.AccessKey, Host.SecretKey, projectId: Host.ProjectId, signHost: false);
        Assert.DoesNotContain("host", req.Headers.GetValues("Authorization").Single().Split("SignedHeaders=")[1].Split(',')[0].Split(';'));
        Assert.Equal(200, (await Send(req)).Status);
    }

    [Fact]
    public async Task Encoded_query_values_verify()
    {
        var r = await Get(Q(Dcs, ("name", "dcs-migration orders+1/é"), ("limit", "5"), ("offset", "0")));
        Assert.Equal(200, r.Status);
        Assert.Equal(0, r.Body!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Project_header_must_match_the_path_and_the_project_must_exist()
    {
        var other = "0123456789abcdef0123456789abcdef";
        var unknownPath = await Get($"/v2/{other}/migration-tasks", projectHeader: false);
        Assert.Equal(403, unknownPath.Status);
        Assert.Equal("APIG.0310", unknownPath.Body!["error_code"]!.GetValue<string>());

        var mismatch = await Get($"/v2/{other}/migration-tasks", projectHeader: true);
        Assert.Equal(401, mismatch.Status);

        var badFormat = await Get($"/v2/not-a-project/instances/{Host.Data.RocketMqInstances[0].InstanceId}/metadata", projectHeader: false);
        Assert.Equal(400, badFormat.Status);
        Assert.Equal("DMS.00400002", badFormat.Body!["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_route_is_404_APIG_0101_without_authentication()
    {
        var r = await Send(new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseUri, $"/v2/{P}/no-such-api")));
        Assert.Equal(404, r.Status);
        Assert.Equal("APIG.0101", r.Body!["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_log_redacts_signature_and_security_token()
    {
        var marker = Guid.NewGuid().ToString("N");
        var req = Signed(Q(Dcs, ("name", marker)));
        var sig = req.Headers.GetValues("Authorization").Single().Split("Signature=")[1];
        await Send(req);
        var tokenReq = Signed(Q(Dcs, ("name", marker + "t")), before: r => r.Headers.TryAddWithoutValidation("X-Security-Token", "SECRET-TOKEN-VALUE"));
        await Send(tokenReq);
        var logged = Host.Requests.Snapshot().Where(l => l.QueryString.Contains(marker)).ToList();
        Assert.Equal(2, logged.Count);
        foreach (var l in logged)
        {
            Assert.DoesNotContain(sig, l.Headers["Authorization"]);
            Assert.Contains("Access=" + Host.AccessKey, l.Headers["Authorization"]);
            Assert.EndsWith("Signature=[REDACTED]", l.Headers["Authorization"]);
            Assert.DoesNotContain(l.Headers.Values, v => v.Contains("SECRET-TOKEN-VALUE"));
        }
        Assert.Equal("[REDACTED]", logged.Single(l => l.Headers.ContainsKey("X-Security-Token")).Headers["X-Security-Token"]);
        Assert.Equal(200, logged.Single(l => !l.Headers.ContainsKey("X-Security-Token")).Status);
        // A permanent AK with a security token is rejected.
        Assert.Equal("APIG.0301", logged.Single(l => l.Headers.ContainsKey("X-Security-Token")).ErrorCode);
    }

    [Fact]
    public async Task Control_routes_need_no_signature()
    {
        var resp = await Http.GetAsync(new Uri(Host.BaseUri, "/_emulator/requests"));
        Assert.Equal(200, (int)resp.StatusCode);
        var faults = await Http.GetStringAsync(new Uri(Host.BaseUri, "/_emulator/faults"));
        Assert.Contains("\"throttleRate\"", faults);
    }
}

/// <summary>Lockout on its own host (it locks the AK) with a fake clock.</summary>
public class LockoutTests
{
    [Fact]
    public async Task Five_bad_signatures_lock_the_access_key_for_five_minutes()
    {
        var time = new FakeTime(new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { TimeProvider = time });
        using var http = new HttpClient();
        var path = $"/v2/{host.ProjectId}/migration-tasks";
        async Task<(int, string)> Call(string sk)
        {
            var req = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUri, path));
            TestSigner.Sign(req, host.AccessKey, sk, time.Now, host.ProjectId);
            var resp = await http.SendAsync(req);
            return ((int)resp.StatusCode, await resp.Content.ReadAsStringAsync());
        }
        Assert.Equal(200, (await Call(host.SecretKey)).Item1);
        for (int i = 0; i < 4; i++) Assert.Equal(401, (await Call("wrong")).Item1);
        Assert.Equal(200, (await Call(host.SecretKey)).Item1); // a success resets the count
        for (int i = 0; i < 5; i++) Assert.Equal(401, (await Call("wrong")).Item1);
        var locked = await Call(host.SecretKey);
        Assert.Equal(401, locked.Item1);
        Assert.Contains("AK access failed to reach the limit,forbidden.", locked.Item2);
        Assert.Contains("APIG.0301", locked.Item2);
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(401, (await Call(host.SecretKey)).Item1);
        time.Advance(TimeSpan.FromMinutes(1.1));
        Assert.Equal(200, (await Call(host.SecretKey)).Item1);
    }

    [Fact]
    public async Task Lockout_can_be_disabled()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { EnableLockout = false });
        using var http = new HttpClient();
        for (int i = 0; i < 7; i++)
        {
            var bad = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUri, $"/v2/{host.ProjectId}/migration-tasks"));
            TestSigner.Sign(bad, host.AccessKey, "wrong", projectId: host.ProjectId);
            Assert.Equal(401, (int)(await http.SendAsync(bad)).StatusCode);
        }
        var good = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUri, $"/v2/{host.ProjectId}/migration-tasks"));
        TestSigner.Sign(good, host.AccessKey, host.SecretKey, projectId: host.ProjectId);
        Assert.Equal(200, (int)(await http.SendAsync(good)).StatusCode);
    }

    [Fact]
    public void Default_keys_are_derived_from_the_seed()
    {
        var a = new EmulatorOptions { Seed = 7 };
        var b = new EmulatorOptions { Seed = 7 };
        var c = new EmulatorOptions { Seed = 8 };
        Assert.Equal(a.AccessKey, b.AccessKey);
        Assert.NotEqual(a.AccessKey, c.AccessKey);
        Assert.Matches("^EMULATORAK[A-Z0-9]{12}$", a.AccessKey);
        Assert.Matches("^[A-Za-z0-9]{40}$", a.SecretKey);
        Assert.Matches("^[0-9a-f]{32}$", a.ProjectId);
        Assert.Matches("^[0-9a-f]{32}$", a.DomainId);
        Assert.Equal("cn-north-4", a.Region);
    }
}
