using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MigrationTools.Emulator.Gateway;
using MigrationTools.Emulator.Routes;

namespace MigrationTools.Emulator;

/// <summary>Shared state of one running emulator (a singleton in its service provider).</summary>
internal sealed class EmulatorState
{
    public required EmulatorOptions Options { get; init; }
    public required EmulatorData Data { get; init; }
    public required CredentialStore Credentials { get; init; }
    public required FaultSettings Faults { get; init; }
    public required ServiceBehaviour Behaviour { get; init; }
    public required RequestLog Requests { get; init; }
    public required ProgressPlans Progress { get; init; }
    /// <summary>Bodies posted to /_emulator/webhooks.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Webhooks { get; } = new();
    public TimeProvider Time => Options.TimeProvider;
    public CancellationToken Stopping { get; set; }
    private Dictionary<string, string>? _projectRegions;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EmulatorData> _projectData = new(StringComparer.Ordinal);

    /// <summary>The region of each project the account has (IAM's list; a sub-project region_name is of its region; not MOS).</summary>
    public IReadOnlyDictionary<string, string> ProjectRegions => _projectRegions ??= Data.IamProjects
        .Where(p => p.Name != EmulatorData.GlobalProject)
        .ToDictionary(p => p.Id, p => p.Name.Split('_')[0], StringComparer.Ordinal);

    /// <summary>Whether <paramref name="projectId"/> is a project of the account in <paramref name="region"/>.</summary>
    public bool Serves(string projectId, string region) => ProjectRegions.TryGetValue(projectId, out var r) && r == region;

    /// <summary>The data of a project: the emulator's own project has <see cref="Data"/>; each other one a smaller set of its own.</summary>
    public EmulatorData DataOf(string? projectId) =>
        projectId is null || projectId == Options.ProjectId ? Data
        : _projectData.GetOrAdd(projectId, id => new EmulatorData(unchecked(Options.Seed * 31 + StableHash(id)), id, Options.DomainId,
            ProjectRegions.TryGetValue(id, out var r) ? r : Options.Region, EmulatorData.OtherProjectDcsTaskCount));

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = 17;
            foreach (var c in s) h = h * 31 + c;
            return h;
        }
    }
    public int WrongTypeCounter;
}

/// <summary>A running emulator on http://127.0.0.1:{port}. Dispose to stop it.</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;
    private int _disposed;

    private EmulatorHost(WebApplication app, EmulatorState state, Uri baseUri)
    {
        _app = app; _state = state; BaseUri = baseUri;
    }

    public Uri BaseUri { get; }
    public string AccessKey => _state.Options.AccessKey;
    public string SecretKey => _state.Options.SecretKey;
    public string ProjectId => _state.Options.ProjectId;
    public string Region => _state.Options.Region;
    public string DomainId => _state.Options.DomainId;
    public RequestLog Requests => _state.Requests;

    /// <summary>The regions the account has projects in: the emulator's own first, then the others in IAM's order.</summary>
    public IReadOnlyList<string> Regions => new[] { Region }.Concat(_state.ProjectRegions.Values).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The endpoint of every service in <paramref name="region"/>: the bare address for the emulator's own region, else /{region}.</summary>
    public Uri EndpointOf(string region) => region == Region ? BaseUri : new Uri(BaseUri, "/" + region);

    /// <summary>The data of a project of the account (the emulator's own project: <see cref="Data"/>).</summary>
    public EmulatorData DataOf(string projectId) => _state.DataOf(projectId);
    public FaultSettings Faults => _state.Faults;
    /// <summary>The form the services answer in (also PUT /_emulator/behaviour).</summary>
    public ServiceBehaviour Behaviour => _state.Behaviour;
    public EmulatorData Data => _state.Data;
    /// <summary>Tasks made to progress over time (also PUT /_emulator/progress).</summary>
    public ProgressPlans Progress => _state.Progress;

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatorOptions();
        // Freeze the derived values: later changes to the options object do not affect the running host.
        var frozen = new EmulatorOptions
        {
            Port = options.Port, Seed = options.Seed, AccessKey = options.AccessKey, SecretKey = options.SecretKey,
            ProjectId = options.ProjectId, DomainId = options.DomainId, Region = options.Region,
            TemporaryCredentialLifetime = options.TemporaryCredentialLifetime, EnableLockout = options.EnableLockout,
            TimeProvider = options.TimeProvider, ConsoleLogging = options.ConsoleLogging, RequireSignedHost = options.RequireSignedHost,
            DcsTaskCount = options.DcsTaskCount, RunningTasksEndAfter = options.RunningTasksEndAfter,
        };
        var faults = new FaultSettings();
        faults.CopyFrom(options.Faults);
        var behaviour = new ServiceBehaviour();
        behaviour.CopyFrom(options.Behaviour);
        var state = new EmulatorState
        {
            Options = frozen,
            Data = new EmulatorData(frozen.Seed, frozen.ProjectId, frozen.DomainId, frozen.Region, frozen.DcsTaskCount),
            Credentials = new CredentialStore(frozen.AccessKey, frozen.SecretKey, frozen.Seed),
            Faults = faults,
            Behaviour = behaviour,
            Requests = new RequestLog(),
            Progress = new ProgressPlans(frozen.TimeProvider),
        };

        // The running tasks of every project of the account (each region's own data set) end.
        if (frozen.RunningTasksEndAfter is { } after)
            state.Progress.EndRunningTasks(after, state.ProjectRegions.Keys.Prepend(frozen.ProjectId).Distinct().SelectMany(p => state.DataOf(p).RunningTaskIds()));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        if (frozen.ConsoleLogging) builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, frozen.Port);
            k.AddServerHeader = false;
        });
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton(state);

        var app = builder.Build();
        state.Stopping = app.Lifetime.ApplicationStopping;
        app.Use(Pipeline.RequestIdAndLog);
        app.Use(Pipeline.RefuseDotSegments);
        app.Use(Pipeline.RegionPrefix);
        app.UseRouting();
        app.Use(Pipeline.GatewayAndFaults);
        ApiRoutes.Map(app);
        ControlRoutes.Map(app);

        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new EmulatorHost(app, state, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try { await _app.StopAsync().ConfigureAwait(false); }
        finally { await _app.DisposeAsync().ConfigureAwait(false); }
    }

    /// <summary>Waits until the host is stopped (Ctrl+C in the program).</summary>
    internal Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);
}
