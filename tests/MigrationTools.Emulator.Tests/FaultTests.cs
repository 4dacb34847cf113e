using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MigrationTools.Emulator.Tests;

/// <summary>Faults on their own host; the tests of one class run one after the other.</summary>
public class FaultTests(EmulatorFixture f) : EmulatorTestBase(f.Host, f.Http), IClassFixture<EmulatorFixture>, IDisposable
{
    private string List => $"/v2/{P}/migration-tasks";

    public void Dispose() => Host.Faults.Reset();

    private async Task<(int Status, string Text, HttpResponseMessage Resp)> Raw(string path)
    {
        var resp = await Http.SendAsync(Signed(path));
        return ((int)resp.StatusCode, await resp.Content.ReadAsStringAsync(), resp);
    }

    [Theory]
    [InlineData(RetryAfterMode.None)]
    [InlineData(RetryAfterMode.Seconds)]
    [InlineData(RetryAfterMode.HttpDate)]
    public async Task Throttle_answers_429_APIG_0308(RetryAfterMode mode)
    {
        Host.Faults.ThrottleRate = 0.0001;
        Host.Faults.ThrottleRetryAfter = mode;
        Host.Faults.RetryAfterSeconds = 3;
        Host.Faults.FailNextRequests = 1;
        var r = await Get(List);
        Assert.Equal(429, r.Status);
        Assert.Equal("APIG.0308", r.Body!["error_code"]!.GetValue<string>());
        Assert.Equal(r.Response.Headers.GetValues("X-Request-Id").Single(), r.Body["request_id"]!.GetValue<string>());
        switch (mode)
        {
            case RetryAfterMode.None: Assert.Null(r.Response.Headers.RetryAfter); break;
            case RetryAfterMode.Seconds: Assert.Equal(TimeSpan.FromSeconds(3), r.Response.Headers.RetryAfter!.Delta); break;
            default: Assert.NotNull(r.Response.Headers.RetryAfter!.Date); break;
        }
        Host.Faults.ThrottleRate = 0;
        Assert.Equal(200, (await Get(List)).Status);
    }

    [Fact]
    public async Task Server_errors_rotate_503_502_504_with_json_or_plain_bodies()
    {
        Host.Faults.ServerErrorRate = 0.0001;
        Host.Faults.FailNextRequests = 4;
        var statuses = new List<int>();
        var plain = 0;
        for (int i = 0; i < 4; i++)
        {
            var r = await Raw(List);
            statuses.Add(r.Status);
            if (!r.Text.StartsWith('{')) plain++;
        }
        Assert.Equal([502, 503, 503, 504], statuses.Order());
        Assert.Equal(1, plain);
        Assert.Equal(200, (await Raw(List)).Status);
    }

    [Fact]
    public async Task Fail_next_without_a_configured_fault_is_a_server_error()
    {
        Host.Faults.FailNextRequests = 2;
        Assert.True((await Raw(List)).Status >= 500);
        Assert.True((await Raw(List)).Status >= 500);
        Assert.Equal(200, (await Raw(List)).Status);
        Assert.Equal(0, Host.Faults.FailNextRequests);
    }

    [Fact]
    public async Task Malformed_kinds()
    {
        Host.Faults.Malformed = MalformedKind.Html;
        Host.Faults.FailNextRequests = 1;
        var html = await Raw(List);
        Assert.Equal(502, html.Status);
        Assert.Equal("text/html", html.Resp.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<html>", html.Text);

        Host.Faults.Malformed = MalformedKind.Truncated;
        Host.Faults.FailNextRequests = 1;
        var cut = await Raw(List);
        Assert.Equal(200, cut.Status);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(cut.Text));

        Host.Faults.Malformed = MalformedKind.Empty200;
        Host.Faults.FailNextRequests = 1;
        var empty = await Raw(List);
        Assert.Equal(200, empty.Status);
        Assert.Equal("", empty.Text);

        Host.Faults.Malformed = MalformedKind.WrongType;
        Host.Faults.FailNextRequests = 2;
        var w1 = JsonNode.Parse((await Raw(List)).Text)!;
        var w2 = JsonNode.Parse((await Raw(List)).Text)!;
        bool CountIsString(JsonNode n) => n["count"]!.GetValueKind() == JsonValueKind.String;
        bool ListIsObject(JsonNode n) => n["migration_tasks"]!.GetValueKind() == JsonValueKind.Object;
        Assert.True(CountIsString(w1) || ListIsObject(w1));
        Assert.True(CountIsString(w2) || ListIsObject(w2));
        Assert.NotEqual(CountIsString(w1), CountIsString(w2));

        Host.Faults.Malformed = MalformedKind.Truncated;
        Host.Faults.MalformedRate = 0;
        Assert.Equal(200, (await Get(List)).Status);
        Assert.Equal(2, Host.Requests.CountWhere(l => l.ErrorCode == "fault:malformed-wrongtype"));
    }

    [Fact]
    public async Task Hang_never_answers_until_the_client_gives_up()
    {
        Host.Faults.HangRate = 0.0001;
        Host.Faults.FailNextRequests = 1;
        // The client gives up only once the emulator has taken the request (it consumed the pending fault), however
        // loaded the machine: a timeout alone could end the call before the request arrived, leaving the fault for
        // the next one. The hang itself is endless; the minute only bounds a broken emulator.
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var giveUp = new CancellationTokenSource();
        var hanging = client.SendAsync(Signed(List), giveUp.Token);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Host.Faults.FailNextRequests > 0 && !hanging.IsCompleted && waited.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(10);
        Assert.Equal(0, Host.Faults.FailNextRequests);
        Assert.False(hanging.IsCompleted);
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => hanging);
        Assert.Equal(200, (await Get(List)).Status);
    }

    [Fact]
    public async Task Rates_apply_roughly_and_latency_delays()
    {
        Host.Faults.ThrottleRate = 0.5;
        int throttled = 0;
        for (int i = 0; i < 40; i++) if ((await Raw(List)).Status == 429) throttled++;
        Assert.InRange(throttled, 8, 32);
        Host.Faults.Reset();
        Host.Faults.LatencyMs = 150;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await Raw(List);
        Assert.True(sw.ElapsedMilliseconds >= 140);
    }

    [Fact]
    public async Task Faults_do_not_touch_control_routes_and_are_settable_over_http()
    {
        Host.Faults.ServerErrorRate = 1;
        var get = await Http.GetAsync(new Uri(Host.BaseUri, "/_emulator/faults"));
        Assert.Equal(200, (int)get.StatusCode);
        var put = await Http.PutAsync(new Uri(Host.BaseUri, "/_emulator/faults"),
            JsonContent.Create(new { serverErrorRate = 0, throttleRate = 1, throttleRetryAfter = "Seconds" }));
        Assert.Equal(200, (int)put.StatusCode);
        Assert.Equal(0, Host.Faults.ServerErrorRate);
        Assert.Equal(1, Host.Faults.ThrottleRate);
        Assert.Equal(RetryAfterMode.Seconds, Host.Faults.ThrottleRetryAfter);
        Assert.Equal(429, (await Raw(List)).Status);
        var bad = await Http.PutAsync(new Uri(Host.BaseUri, "/_emulator/faults"), JsonContent.Create(new { nope = 1 }));
        Assert.Equal(400, (int)bad.StatusCode);

        var del = await Http.DeleteAsync(new Uri(Host.BaseUri, "/_emulator/requests"));
        Assert.Equal(204, (int)del.StatusCode);
        var log = JsonNode.Parse(await Http.GetStringAsync(new Uri(Host.BaseUri, "/_emulator/requests")))!.AsArray();
        Assert.Single(log); // the DELETE itself
    }
}
