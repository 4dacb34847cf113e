using System.Text.Json;
using System.Text.Json.Nodes;

namespace MigrationTools.Emulator.Tests;

/// <summary>One emulator per test class (xunit runs classes in parallel; each has its own host and faults).</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorHost Host { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(20) };

    public async Task InitializeAsync() => Host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 });

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

public abstract class EmulatorTestBase(EmulatorHost host, HttpClient http)
{
    protected EmulatorHost Host { get; } = host;
    protected HttpClient Http { get; } = http;

    protected HttpRequestMessage Signed(string pathAndQuery, bool projectHeader = true, Action<HttpRequestMessage>? before = null,
        DateTimeOffset? at = null, string? ak = null, string? sk = null, string? token = null)
    {
        var req = new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseUri, pathAndQuery));
        before?.Invoke(req);
        TestSigner.Sign(req, ak ?? Host.AccessKey, sk ?? Host.SecretKey, at, projectHeader ? Host.ProjectId : null, token);
        return req;
    }

    protected async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> Send(HttpRequestMessage req)
    {
        var resp = await Http.SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0 && resp.Content.Headers.ContentType?.MediaType == "application/json")
            body = JsonNode.Parse(text);
        return ((int)resp.StatusCode, body, resp);
    }

    protected Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> Get(string pathAndQuery, bool projectHeader = true,
        Action<HttpRequestMessage>? before = null) => Send(Signed(pathAndQuery, projectHeader, before));

    protected string P => Host.ProjectId;

    protected static string Q(string path, params (string, string)[] query) => TestSigner.PathAndQuery(path, query);

    protected static JsonValueKind Kind(JsonNode? n) => n?.GetValueKind() ?? JsonValueKind.Null;
}
