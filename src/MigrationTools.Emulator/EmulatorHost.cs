using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MigrationTools.Emulator.Gateway;
using MigrationTools.Emulator.Routes;

namespace MigrationTools.Emulator;

/// <summary>An agency of an account: the account it trusts may assume it (IAM securitytokens, assume_role).</summary>
internal sealed record EmulatorAgency(string Name, string TrustedDomainId);

/// <summary>
/// An account the emulator serves: its ids, its projects (IAM's list, from its home project's data set) with a data
/// set each, and its agencies.
/// </summary>
internal sealed class EmulatorAccount
{
    private readonly int _seed;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EmulatorData> _projectData = new(StringComparer.Ordinal);

    public EmulatorAccount(string domainId, string domainName, EmulatorData data, int seed, string region, IReadOnlyList<EmulatorAgency> agencies)
    {
        DomainId = domainId; DomainName = domainName; Data = data; _seed = seed; Region = region; Agencies = agencies;
        ProjectId = data.IamProjects[0].Id;
        ProjectRegions = data.IamProjects.Where(p => p.Name != EmulatorData.GlobalProject)
            .ToDictionary(p => p.Id, p => p.Name.Split('_')[0], StringComparer.Ordinal);
    }

    public string DomainId { get; }
    public string DomainName { get; }
    /// <summary>The home project (of <see cref="Region"/>) and its data set.</summary>
    public string ProjectId { get; }
    public EmulatorData Data { get; }
    public string Region { get; }
    public IReadOnlyList<EmulatorAgency> Agencies { get; }

    /// <summary>The region of each project the account has (IAM's list; a sub-project region_name is of its region; not MOS).</summary>
    public IReadOnlyDictionary<string, string> ProjectRegions { get; }

    /// <summary>Whether <paramref name="projectId"/> is a project of the account in <paramref name="region"/>.</summary>
    public bool Serves(string projectId, string region) => ProjectRegions.TryGetValue(projectId, out var r) && r == region;

    /// <summary>The data of a project: the home project has <see cref="Data"/>; each other one a smaller set of its own.</summary>
    public EmulatorData DataOf(string projectId) =>
        projectId == ProjectId ? Data
        : _projectData.GetOrAdd(projectId, id => new EmulatorData(unchecked(_seed * 31 + StableHash(id)), id, DomainId,
            ProjectRegions.TryGetValue(id, out var r) ? r : Region, EmulatorData.OtherProjectDcsTaskCount));

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = 17;
            foreach (var c in s) h = h * 31 + c;
            return h;
        }
    }
}

/// <summary>Shared state of one running emulator (a singleton in its service provider).</summary>
internal sealed class EmulatorState
{
    public required EmulatorOptions Options { get; init; }
    /// <summary>The main account (of the permanent AK and of the ECS metadata's keys).</summary>
    public required EmulatorAccount Main { get; init; }
    /// <summary>The account reachable only through an agency.</summary>
    public required EmulatorAccount Member { get; init; }
    public IEnumerable<EmulatorAccount> Accounts => [Main, Member];
    /// <summary>The main account's home data set.</summary>
    public EmulatorData Data => Main.Data;
    public required CredentialStore Credentials { get; init; }
    public required FaultSettings Faults { get; init; }
    public required ServiceBehaviour Behaviour { get; init; }
    public required RequestLog Requests { get; init; }
    public required ProgressPlans Progress { get; init; }
    /// <summary>Bodies posted to /_emulator/webhooks.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Webhooks { get; } = new();
    public TimeProvider Time => Options.TimeProvider;
    public CancellationToken Stopping { get; set; }

    /// <summary>The data of a project of any account (one the gateway let through); an unknown id: a set of the main account's.</summary>
    public EmulatorData DataOf(string? projectId) =>
        projectId is null ? Data : (Accounts.FirstOrDefault(a => a.ProjectRegions.ContainsKey(projectId)) ?? Main).DataOf(projectId);

    /// <summary>The data set of every project of every account (each region's, each sub-project's).</summary>
    public IEnumerable<EmulatorData> AllData() =>
        Accounts.SelectMany(a => a.ProjectRegions.Keys.Prepend(a.ProjectId).Distinct().Select(a.DataOf)).Distinct();

    public int WrongTypeCounter;
}

/// <summary>A running emulator on http://127.0.0.1:{port}. Dispose to stop it.</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    /// <summary>DCS migration tasks of the member account.</summary>
    public const int MemberDcsTaskCount = 30;

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
    public IReadOnlyList<string> Regions => new[] { Region }.Concat(_state.Main.ProjectRegions.Values).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The main account's projects (IAM's list without MOS) and the region of each.</summary>
    public IReadOnlyDictionary<string, string> ProjectRegions => _state.Main.ProjectRegions;

    /// <summary>The endpoint of every service in <paramref name="region"/>: the bare address for the emulator's own region, else /{region}.</summary>
    public Uri EndpointOf(string region) => region == Region ? BaseUri : new Uri(BaseUri, "/" + region);

    /// <summary>The data of a project of the account (the emulator's own project: <see cref="Data"/>).</summary>
    public EmulatorData DataOf(string projectId) => _state.DataOf(projectId);
    public FaultSettings Faults => _state.Faults;
    /// <summary>The form the services answer in (also PUT /_emulator/behaviour).</summary>
    public ServiceBehaviour Behaviour => _state.Behaviour;
    public EmulatorData Data => _state.Data;
    public string DomainName => _state.Main.DomainName;
    /// <summary>The second account: reachable only by assuming <see cref="MemberAgencyName"/> of <see cref="MemberDomainName"/> with this host's keys.</summary>
    public string MemberDomainName => _state.Member.DomainName;
    public string MemberAgencyName => _state.Options.MemberAgencyName;
    public string MemberProjectId => _state.Member.ProjectId;
    public string MemberDomainId => _state.Member.DomainId;
    public EmulatorData MemberData => _state.Member.Data;
    /// <summary>The member account's projects (IAM's list without MOS) and the region of each.</summary>
    public IReadOnlyDictionary<string, string> MemberProjectRegions => _state.Member.ProjectRegions;
    /// <summary>The main account's agency the member account may assume (agencies chained).</summary>
    public string MainAgencyName => _state.Options.MainAgencyName;
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
            DomainName = options.DomainName, MemberDomainName = options.MemberDomainName,
            MemberAgencyName = options.MemberAgencyName, MainAgencyName = options.MainAgencyName,
            ExtraRegions = options.ExtraRegions.ToArray(),
        };
        var faults = new FaultSettings();
        faults.CopyFrom(options.Faults);
        var behaviour = new ServiceBehaviour();
        behaviour.CopyFrom(options.Behaviour);
        var (memberProject, memberDomain) = EmulatorOptions.Derived.MemberIds(frozen.Seed);
        var memberSeed = unchecked(frozen.Seed * 131 + 7);
        var state = new EmulatorState
        {
            Options = frozen,
            Main = new EmulatorAccount(frozen.DomainId, frozen.DomainName,
                new EmulatorData(frozen.Seed, frozen.ProjectId, frozen.DomainId, frozen.Region, frozen.DcsTaskCount, frozen.ExtraRegions), frozen.Seed, frozen.Region,
                [new EmulatorAgency(frozen.MainAgencyName, memberDomain)]),
            // Its own seed: other project ids (in the same regions), task ids, names and instances than the main
            // account's, and fewer of them.
            Member = new EmulatorAccount(memberDomain, frozen.MemberDomainName,
                new EmulatorData(memberSeed, memberProject, memberDomain, frozen.Region, MemberDcsTaskCount), memberSeed, frozen.Region,
                [new EmulatorAgency(frozen.MemberAgencyName, frozen.DomainId)]),
            Credentials = new CredentialStore(frozen.AccessKey, frozen.SecretKey, frozen.Seed),
            Faults = faults,
            Behaviour = behaviour,
            Requests = new RequestLog(),
            Progress = new ProgressPlans(frozen.TimeProvider),
        };

        // The running tasks of every project of the account (each region's own data set) end.
        if (frozen.RunningTasksEndAfter is { } after)
            state.Progress.EndRunningTasks(after, state.AllData().SelectMany(data => data.RunningTaskIds()));

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
