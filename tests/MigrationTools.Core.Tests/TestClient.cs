using System.Collections.Concurrent;
using System.Net;
using System.Text;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;

namespace MigrationTools.Core.Tests;

/// <summary>
/// A service in memory: answers every request with 200 and the JSON <c>answer</c> gives for it, and records the
/// requests (thread-safe: the pager asks for pages concurrently).
/// </summary>
public sealed class ScriptedHandler(Func<HttpRequestMessage, string> answer) : HttpMessageHandler
{
    private readonly ConcurrentQueue<Uri> _requests = new();

    /// <summary>The same answer to every request.</summary>
    public ScriptedHandler(string body) : this(_ => body) { }

    /// <summary>The addresses asked for, in order.</summary>
    public IReadOnlyList<Uri> Requests => _requests.ToArray();

    public int Count => _requests.Count;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request.RequestUri!);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer(request), Encoding.UTF8, "application/json") });
    }
}

/// <summary>Clients of the core for the tests: fixed test credentials, region cn-north-4, project <see cref="ProjectId"/>.</summary>
public static class TestClient
{
    public const string ProjectId = "p1";

    /// <summary>A client whose requests, to any service (https://{host prefix}.example.test), go to <paramref name="handler"/>.</summary>
    public static HuaweiCloudClient For(HttpMessageHandler handler, IOperationHost? host = null) =>
        new(Context(CloudService.All.ToDictionary(s => s, s => new Uri($"https://{s.HostPrefix}.example.test"))),
            host ?? new PlainOperationHost(), new HttpClient(handler));

    /// <summary>A client that sends every service's requests to <paramref name="endpoint"/> over the network, without retries.</summary>
    public static HuaweiCloudClient At(Uri endpoint) =>
        new(Context(CloudService.All.ToDictionary(s => s, _ => endpoint), new RetryOptions { MaxRetries = 0 }), new PlainOperationHost());

    private static ClientContext Context(Dictionary<CloudService, Uri> endpoints, RetryOptions? retry = null) =>
        new(new FixedSigningCredentials(new HuaweiCloudCredentials("AKAKAKAKAKAKAKAK", "SKSKSKSKSKSKSKSK")), "cn-north-4", ProjectId, endpoints, retry);
}
