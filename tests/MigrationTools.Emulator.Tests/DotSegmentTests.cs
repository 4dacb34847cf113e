using System.Net.Sockets;
using System.Text;

namespace MigrationTools.Emulator.Tests;

/// <summary>A dot segment (plain or escaped) never routes a request to another API of the emulator.</summary>
public class DotSegmentTests(EmulatorFixture f) : EmulatorTestBase(f.Host, f.Http), IClassFixture<EmulatorFixture>
{
    // Sent over a raw socket: HttpClient's Uri would remove the dot segments before anything is sent.
    private async Task<(int Status, string Response)> SendRaw(string target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", Host.BaseUri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{Host.BaseUri.Port}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return (int.Parse(text.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), text);
    }

    [Theory]
    [InlineData("/migration-task/x/../../migration-tasks")]
    [InlineData("/migration-task/x/%2E%2E/%2e%2e/migration-tasks")]
    [InlineData("/migration-task/x/.%2E/..%2e/migration-tasks")]
    [InlineData("/./migration-tasks")]
    [InlineData("/%2E/migration-tasks")]
    public async Task A_dot_segment_reaches_no_api(string tail)
    {
        // Without the check, Kestrel serves these as /v2/{project}/migration-tasks (a 401 for the unsigned request).
        var target = $"/v2/{Host.ProjectId}{tail}";
        var (status, text) = await SendRaw(target);
        Assert.Equal(404, status);
        Assert.Contains("APIG.0101", text);
        Assert.Contains(Host.Requests.Snapshot(), q => q.Path == target && q.Status == 404); // logged as sent
    }

    [Fact]
    public async Task An_escaped_id_is_not_a_dot_segment()
    {
        var (status, text) = await SendRaw($"/v2/{Host.ProjectId}/migration-task/%252e%252e/stats");
        Assert.Equal(401, status); // reached the API (and its gateway check), not refused as a path
        Assert.Contains("APIG.0301", text);
    }
}
