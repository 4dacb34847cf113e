using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Paging;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>Answers the metadata routes like the ECS metadata service, with a counter and a chosen expiry.</summary>
internal sealed class FakeMetadataHandler : HttpMessageHandler
{
    public Func<DateTimeOffset> Now = () => DateTimeOffset.UtcNow;
    public TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    public HttpStatusCode TokenStatus = HttpStatusCode.OK;
    public int KeyCalls;
    public readonly List<string?> TokensSeen = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath == MetadataSigningCredentials.TokenPath)
        {
            Assert.Equal("21600", request.Headers.GetValues("X-Metadata-Token-Ttl-Seconds").Single());
            return Task.FromResult(new HttpResponseMessage(TokenStatus) { Content = new StringContent("meta-token") });
        }
        var n = Interlocked.Increment(ref KeyCalls);
        TokensSeen.Add(request.Headers.TryGetValues("X-Metadata-Token", out var v) ? v.Single() : null);
        var expires = (Now() + Lifetime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var json = $"{{\"credential\":{{\"access\":\"TMPAK{n:D4}\",\"secret\":\"TMPSK{n}\",\"securitytoken\":\"TMPTOKEN{n}\",\"expires_at\":\"{expires}\"}}}}";
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json) });
    }
}

/// <summary>Tests that measure time or depend on the 2 s metadata timeout: not run beside other tests, whose load could delay them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}

[Collection(TimingCollection.Name)]
public sealed class MetadataCredentialTests
{
    [Fact]
    public async Task Credentials_are_cached_and_refreshed_when_less_than_five_minutes_remain()
    {
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var handler = new FakeMetadataHandler { Now = () => now, Lifetime = TimeSpan.FromMinutes(30) };
        var provider = new MetadataSigningCredentials(new Uri("http://169.254.169.254"), new HttpClient(handler), () => now);

        var first = await provider.GetCredentialsAsync(default);
        Assert.Equal(("TMPAK0001", "TMPTOKEN1"), (first.AccessKey, first.SecurityToken));
        Assert.Equal(now.AddMinutes(30), first.ExpiresAt);
        Assert.DoesNotContain("TMPSK1", first.ToString());

        now = now.AddMinutes(24); // 6 minutes left: still cached
        Assert.Same(first, await provider.GetCredentialsAsync(default));
        now = now.AddMinutes(2); // 4 minutes left: refreshed before expiry
        var second = await provider.GetCredentialsAsync(default);
        Assert.Equal("TMPAK0002", second.AccessKey);
        Assert.Equal(2, provider.FetchCount);
        Assert.All(handler.TokensSeen, t => Assert.Equal("meta-token", t));
    }

    [Fact]
    public async Task A_token_route_answering_404_means_securitykey_without_a_token()
    {
        var handler = new FakeMetadataHandler { TokenStatus = HttpStatusCode.NotFound };
        var provider = new MetadataSigningCredentials(new Uri("http://169.254.169.254"), new HttpClient(handler));
        Assert.Equal("TMPAK0001", (await provider.GetCredentialsAsync(default)).AccessKey);
        Assert.Null(Assert.Single(handler.TokensSeen));
    }

    [Fact]
    public void A_silent_metadata_address_fails_within_the_timeout_and_is_remembered()
    {
        // Accepts connections (the kernel's backlog) but never answers: what a firewalled 169.254.169.254 looks like.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        var env = new DictionaryEnvironment(new Dictionary<string, string>
        {
            [MetadataSigningCredentials.EndpointVariable] = address.ToString(),
            [Profiles.ProfileStore.PathVariable] = Path.Combine(Path.GetTempPath(), "mt-none-" + Guid.NewGuid().ToString("N"), "p.json"),
            [SdkCredentialsFileSource.PathVariable] = Path.Combine(Path.GetTempPath(), "mt-none-" + Guid.NewGuid().ToString("N")),
        });
        var chain = ConnectionResolver.FullChain(env);

        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<CredentialsNotFoundException>(() => chain.Resolve(new ConnectionRequest(CloudService.Dcs), env));
        var first = watch.Elapsed;
        // The 2 s metadata timeout, not HttpClient's 100 s: the upper bound only has to tell those apart.
        Assert.InRange(first, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(30));
        Assert.Contains($"8. ECS instance metadata at {address.GetLeftPart(UriPartial.Authority)} (no answer from", e.Message);
        Assert.Contains("within 2 s; not asked again in this process", e.Message);

        // The connections of the first attempt wait, never accepted, in the silent port's backlog: take them all.
        var asked = 0;
        while (silent.Pending()) { using var _ = silent.AcceptTcpClient(); asked++; }
        Assert.True(asked > 0, "the first attempt never connected");
        var e2 = Assert.Throws<CredentialsNotFoundException>(() => chain.Resolve(new ConnectionRequest(CloudService.Dcs), env));
        Assert.Contains("not asked again in this process", e2.Message);
        Assert.False(silent.Pending(), "the metadata endpoint was asked again"); // the second attempt connected nowhere
    }

    [Theory]
    [InlineData(null, 2.0)]
    [InlineData("30", 30.0)]
    [InlineData(" 1.5 ", 1.5)]
    [InlineData("300", 300.0)]
    public void The_timeout_is_two_seconds_or_the_variables(string? value, double seconds)
    {
        var env = new DictionaryEnvironment(value is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [MetadataSigningCredentials.TimeoutVariable] = value });
        Assert.Equal(TimeSpan.FromSeconds(seconds), MetadataSigningCredentials.TimeoutFrom(env));
        Assert.Equal(TimeSpan.FromSeconds(seconds), MetadataSigningCredentials.For(new Uri("http://127.0.0.1:1"), MetadataSigningCredentials.TimeoutFrom(env)).Timeout);
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("301")]
    [InlineData("two")]
    [InlineData("NaN")]
    public void A_timeout_out_of_range_or_not_a_number_is_an_error_naming_the_variable(string value)
    {
        var env = new DictionaryEnvironment(new Dictionary<string, string>
        {
            [MetadataSigningCredentials.EndpointVariable] = "http://127.0.0.1:1",
            [MetadataSigningCredentials.TimeoutVariable] = value,
        });
        var e = Assert.Throws<HuaweiCloudConfigurationException>(() => new MetadataCredentialSource(env).TryResolve(new ConnectionRequest(CloudService.Dcs), env, default));
        Assert.Equal("InvalidMetadataTimeout", e.ErrorId);
        Assert.Contains($"$env:MIGRATIONTOOLS_METADATA_TIMEOUT is '{value}'", e.Message);
        Assert.Contains("from 1 to 300", e.Message);
        Assert.Contains("MIGRATIONTOOLS_METADATA_TIMEOUT is not a valid number of seconds", new MetadataCredentialSource(env).Description);
    }

    [Fact]
    public void Cancelling_a_wait_for_a_silent_metadata_address_ends_it_at_once_and_remembers_nothing()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        // A minute to wait: only the cancellation can end the fetch within the bound below.
        var provider = new MetadataSigningCredentials(address, timeout: TimeSpan.FromSeconds(60));
        using var stop = new CancellationTokenSource();
        var attempt = Task.Run(() => provider.TryInitialize(stop.Token));
        // The event: the fetch has connected (its connection waits in the silent port's backlog).
        SpinWait.SpinUntil(() => silent.Pending() || attempt.IsCompleted, TimeSpan.FromSeconds(30));
        Assert.True(silent.Pending(), "the fetch never connected");
        var watch = Stopwatch.StartNew();
        stop.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => attempt.GetAwaiter().GetResult());
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10)); // not the 60 s timeout
        Assert.Null(provider.LastFailure); // a stop is not a failure: the next command asks again
    }

    [Fact]
    public void A_closed_port_fails_at_once()
    {
        var provider = new MetadataSigningCredentials(new Uri("http://127.0.0.1:1"));
        Assert.False(provider.TryInitialize());
        Assert.Contains("could not be reached", provider.LastFailure); // refused at once, not waited for as a silent one
        Assert.DoesNotContain("no answer", provider.LastFailure);
    }
}

[Collection(TimingCollection.Name)]
public sealed class EmulatorCredentialTests : IAsyncLifetime
{
    private EmulatorHost _emulator = null!;
    private EmulatorHost _shortLived = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, EnableLockout = false });
        _shortLived = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, EnableLockout = false, TemporaryCredentialLifetime = TimeSpan.FromMinutes(4) });
        // Warm both ends (JIT of Kestrel and of HttpClient) so the first metadata fetch is judged by its 2 s timeout, not by start-up.
        using var http = new HttpClient();
        await http.GetAsync(new Uri(_emulator.BaseUri, "/_emulator/info"));
        await http.GetAsync(new Uri(_shortLived.BaseUri, "/_emulator/info"));
        _emulator.Requests.Clear();
        _shortLived.Requests.Clear();
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _shortLived.DisposeAsync();
    }

    private static int Count(EmulatorHost e, string path) => e.Requests.CountWhere(r => r.Path == path);

    private static ConnectionResolver Resolver(EmulatorHost e, bool metadata)
    {
        var env = new DictionaryEnvironment(new Dictionary<string, string>
        {
            [MetadataSigningCredentials.EndpointVariable] = metadata ? e.BaseUri.ToString() : "off",
            [Profiles.ProfileStore.PathVariable] = Path.Combine(Path.GetTempPath(), "mt-none-" + Guid.NewGuid().ToString("N"), "p.json"),
            [SdkCredentialsFileSource.PathVariable] = Path.Combine(Path.GetTempPath(), "mt-none-" + Guid.NewGuid().ToString("N")),
        });
        return new ConnectionResolver(ConnectionResolver.FullChain(env), env);
    }

    [Fact]
    public void Metadata_credentials_sign_requests_the_gateway_accepts()
    {
        var logs = new List<string>();
        var host = new PlainOperationHost(log: (_, m) => { lock (logs) logs.Add(m); });
        var context = Resolver(_emulator, metadata: true).Resolve(new ConnectionRequest(CloudService.Dcs)
            { Endpoint = _emulator.BaseUri.ToString(), Region = _emulator.Region, ProjectId = _emulator.ProjectId }, host);
        var tasks = DcsApi.ListMigrationTasks(new HuaweiCloudClient(context, host), null, new PageOptions { First = 3 }).ToList();
        Assert.Equal(3, tasks.Count);
        Assert.Contains("Credentials: ECS instance metadata.", logs);
        Assert.Equal(1, Count(_emulator, MetadataSigningCredentials.SecurityKeyPath));
        Assert.Equal(1, Count(_emulator, MetadataSigningCredentials.TokenPath));
    }

    [Fact]
    public async Task Short_lived_metadata_credentials_are_fetched_again_before_they_expire()
    {
        // 4-minute credentials are always inside the 5-minute refresh margin: each request gets fresh ones.
        var provider = MetadataSigningCredentials.For(_shortLived.BaseUri);
        var a = await provider.GetCredentialsAsync(default);
        var b = await provider.GetCredentialsAsync(default);
        Assert.NotEqual(a.AccessKey, b.AccessKey);
        Assert.Equal(2, Count(_shortLived, MetadataSigningCredentials.SecurityKeyPath));
        Assert.Equal(1, Count(_shortLived, MetadataSigningCredentials.TokenPath)); // the 6 h metadata token is reused
    }

    [Fact]
    public void The_project_id_is_asked_of_IAM_once_for_many_resolutions()
    {
        ProjectIdDiscovery.ClearCache();
        var resolver = Resolver(_emulator, metadata: false);
        var request = new ConnectionRequest(CloudService.Dcs) { Endpoint = _emulator.BaseUri.ToString(), Region = _emulator.Region, AccessKey = _emulator.AccessKey, SecretKey = _emulator.SecretKey };
        var before = Count(_emulator, "/v3/projects");
        Parallel.For(0, 10, _ => Assert.Equal(_emulator.ProjectId, resolver.Resolve(request, new PlainOperationHost()).ProjectId));
        Assert.Equal(1, Count(_emulator, "/v3/projects") - before);
        var logged = _emulator.Requests.Snapshot().Last(r => r.Path == "/v3/projects");
        Assert.Equal("?name=" + _emulator.Region, logged.QueryString);
        Assert.False(logged.Headers.ContainsKey("X-Project-Id"));
    }

    [Theory]
    [InlineData(EmulatorData.DuplicateProjectRegion, "ProjectIdAmbiguous", "lists 2 projects named 'cn-east-3'")]
    [InlineData(EmulatorData.RegionWithoutProject, "ProjectIdNotFound", "lists no project named 'eu-west-101'")]
    public void None_or_several_projects_are_clear_errors(string region, string errorId, string text)
    {
        var request = new ConnectionRequest(CloudService.Dcs) { Endpoint = _emulator.BaseUri.ToString(), Region = region, AccessKey = _emulator.AccessKey, SecretKey = _emulator.SecretKey };
        var e = Assert.Throws<HuaweiCloudConfigurationException>(() => Resolver(_emulator, false).Resolve(request, new PlainOperationHost()));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void IAM_endpoint_order_is_profile_environment_endpoint_region_table_global()
    {
        var profile = new CredentialResolution(new FixedSigningCredentials(new HuaweiCloudCredentials("AK", "SK")), iamEndpoint: "https://iam.profile.example");
        var bare = new CredentialResolution(new FixedSigningCredentials(new HuaweiCloudCredentials("AK", "SK")));
        var env = new DictionaryEnvironment(new Dictionary<string, string> { [ProjectIdDiscovery.IamEndpointVariable] = "https://iam.env.example" });
        var none = new DictionaryEnvironment(new Dictionary<string, string>());
        var withEndpoint = new ConnectionRequest(CloudService.Dcs) { Endpoint = "http://127.0.0.1:9999" };
        var plain = new ConnectionRequest(CloudService.Dcs);

        Assert.Equal("iam.profile.example", ProjectIdDiscovery.IamEndpointFor(withEndpoint, profile, "cn-north-4", env).Host);
        Assert.Equal("iam.env.example", ProjectIdDiscovery.IamEndpointFor(withEndpoint, bare, "cn-north-4", env).Host);
        Assert.Equal("127.0.0.1", ProjectIdDiscovery.IamEndpointFor(withEndpoint, bare, "cn-north-4", none).Host);
        Assert.Equal(RegionTable.EndpointOf(CloudService.Iam, "cn-north-4"), ProjectIdDiscovery.IamEndpointFor(plain, bare, "cn-north-4", none));
        Assert.Equal(new Uri(ProjectIdDiscovery.GlobalIamEndpoint), ProjectIdDiscovery.IamEndpointFor(plain, bare, "xx-nowhere-1", none));
    }
}
