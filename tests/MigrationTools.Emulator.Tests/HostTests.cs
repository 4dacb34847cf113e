using System.Diagnostics;

namespace MigrationTools.Emulator.Tests;

public class HostTests
{
    [Fact]
    public async Task Disposing_the_host_ends_hanging_requests_quickly()
    {
        var host = await EmulatorHost.StartAsync();
        host.Faults.HangRate = 1;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var req = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUri, $"/v2/{host.ProjectId}/migration-tasks"));
        TestSigner.Sign(req, host.AccessKey, host.SecretKey, projectId: host.ProjectId);
        var pending = http.SendAsync(req);
        Assert.True(SpinWait.SpinUntil(() => host.Requests.InFlight > 0 || pending.IsCompleted, TimeSpan.FromSeconds(60)), "the request never reached the emulator");
        Assert.False(pending.IsCompleted); // held by the hang
        var sw = Stopwatch.StartNew();
        await host.DisposeAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
        // The client's own timeout is 30 s and the hang endless: ending before then means disposing ended it.
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), sw.Elapsed.ToString());
    }

    [Fact]
    public async Task Two_hosts_with_the_same_seed_serve_the_same_data_on_different_ports()
    {
        await using var a = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 5 });
        await using var b = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 5 });
        Assert.NotEqual(a.BaseUri, b.BaseUri);
        Assert.Equal("127.0.0.1", a.BaseUri.Host);
        Assert.Equal(a.AccessKey, b.AccessKey);
        Assert.Equal(a.Data.DrsJobs.Select(j => j.Id), b.Data.DrsJobs.Select(j => j.Id));
        Assert.Equal(a.Data.RocketMqInstances.Select(i => i.InstanceId), b.Data.RocketMqInstances.Select(i => i.InstanceId));
        Assert.Equal([350, 27, 0], a.Data.RocketMqInstances.Select(i => i.Tasks.Count));
        Assert.Equal(1100, a.Data.DrsJobs.Count);
    }

    [Fact]
    public async Task Program_options_and_powershell_lines()
    {
        var o = new EmulatorOptions();
        Assert.True(EmulatorProgram.Parse(["--port", "0", "--seed", "7", "--latency-ms", "20", "--throttle-rate", "0.1",
            "--retry-after", "date", "--error-rate", "0.05", "--hang-rate", "0.01", "--malformed", "truncated"], o, out var help));
        Assert.False(help);
        Assert.Equal(7, o.Seed);
        Assert.Equal(RetryAfterMode.HttpDate, o.Faults.ThrottleRetryAfter);
        Assert.Equal(MalformedKind.Truncated, o.Faults.Malformed);
        Assert.Equal(1, o.Faults.MalformedRate);
        Assert.Throws<FormatException>(() => EmulatorProgram.Parse(["--throttle-rate", "2"], new EmulatorOptions(), out _));
        Assert.Throws<FormatException>(() => EmulatorProgram.Parse(["--what"], new EmulatorOptions(), out _));

        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions());
        var lines = EmulatorProgram.PowerShellLines(host).ToList();
        var url = $"http://127.0.0.1:{host.BaseUri.Port}";
        Assert.Contains($"$env:HUAWEICLOUD_SDK_AK = '{host.AccessKey}'", lines);
        Assert.Contains($"$env:HUAWEICLOUD_SDK_SK = '{host.SecretKey}'", lines);
        Assert.Contains($"$env:HUAWEICLOUD_SDK_PROJECT_ID = '{host.ProjectId}'", lines);
        Assert.Contains("$env:HUAWEICLOUD_SDK_REGION = 'cn-north-4'", lines);
        Assert.Contains($"$env:HUAWEICLOUD_SDK_REGION_DCS_CN_NORTH_4 = '{url}'", lines);
        Assert.Contains($"$env:HUAWEICLOUD_SDK_REGION_ROCKETMQ_CN_NORTH_4 = '{url}'", lines);
        Assert.Contains($"$env:HUAWEICLOUD_SDK_REGION_DRS_AP_SOUTHEAST_1 = '{url}/ap-southeast-1'", lines);
        Assert.Contains($"$env:HUAWEICLOUD_SDK_IAM_ENDPOINT = '{url}'", lines);
    }
}
