using System.Globalization;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Profiles;

namespace MigrationTools.Core.Connection;

/// <summary>
/// Turns what the user said (parameters), the stored profiles and the environment into a <see cref="ClientContext"/>:
/// credentials (by the chain), region, project id, endpoints and retry settings. The one place this is decided.
/// </summary>
public sealed class ConnectionResolver
{
    public const string RegionVariable = "HUAWEICLOUD_SDK_REGION";
    public const string ProjectIdVariable = "HUAWEICLOUD_SDK_PROJECT_ID";

    private readonly CredentialChain _chain;
    private readonly IEnvironment _environment;

    public ConnectionResolver(CredentialChain chain, IEnvironment environment)
    {
        _chain = chain;
        _environment = environment;
    }

    /// <summary>
    /// The whole chain, in order: parameters; -ProfileName; the session default (Use-HuaweiCloudProfile);
    /// $env:HUAWEICLOUD_SDK_AK/SK; $env:MIGRATIONTOOLS_PROFILE; the profile "default"; the SDKs' credentials file;
    /// ECS instance metadata. Paths come from <paramref name="environment"/>.
    /// </summary>
    public static CredentialChain FullChain(IEnvironment environment)
    {
        var store = ProfileStore.FromEnvironment(environment);
        return new CredentialChain(new ICredentialSource[]
        {
            new ParameterCredentialSource(),
            new ExplicitProfileSource(store),
            new SessionProfileSource(store),
            new EnvironmentCredentialSource(),
            new EnvironmentProfileSource(store),
            new DefaultProfileSource(store),
            new SdkCredentialsFileSource(SdkCredentialsFileSource.DefaultPath(environment)),
            new MetadataCredentialSource(environment),
        });
    }

    public ClientContext Resolve(ConnectionRequest request, IOperationHost host)
    {
        var credentials = ResolveCredentials(request, host);

        var region = FirstOf(request.Region, credentials.Region, _environment.Get(RegionVariable));
        // Of several regions, a profile's endpoints serve the profile's own region only (an endpoint is regional).
        Func<CloudService, string?> profileEndpoint = request.OneOfSeveralRegions && !SameRegion(credentials.Region, region) ? _ => null : credentials.EndpointFor;
        var endpoints = new Dictionary<CloudService, Uri>
        {
            [request.Service] = EndpointResolver.Resolve(request.Service, region, request.Endpoint, _environment, profileEndpoint, credentials.Source),
        };
        host.Log(LogLevel.Debug, $"{request.Service.DisplayName} endpoint: {endpoints[request.Service]} (region {region ?? "not set"}).");

        // A project id belongs to one region: a profile's is used for the profile's own region (or when it names
        // none), never for another region given with -Region; that one is looked up in IAM instead.
        var profileProjectId = credentials.ProjectId;
        if (profileProjectId is not null && credentials.Region is not null && region is not null
            && !string.Equals(credentials.Region, region, StringComparison.OrdinalIgnoreCase))
        {
            host.Log(LogLevel.Debug, $"The profile's project id is for region {credentials.Region}, not {region}: not used.");
            profileProjectId = null;
        }
        // The project id is a segment of every path and a header: refused here, naming where it came from, before any request.
        if (request.ProjectId is not null) ApiRequest.ValidateProjectId(request.ProjectId, "ProjectId");
        // $env:HUAWEICLOUD_SDK_PROJECT_ID is the project of $env:HUAWEICLOUD_SDK_REGION (when set, and always for one
        // of several regions): another region's project is looked up in IAM, as for a profile's. It goes with the
        // environment's account, never with an agency's other account.
        var environmentRegion = _environment.Get(RegionVariable);
        var environmentProjectId = credentials.Agency is null && ((environmentRegion is null && !request.OneOfSeveralRegions) || SameRegion(environmentRegion, region))
            ? _environment.Get(ProjectIdVariable) : null;
        if (environmentProjectId is null && _environment.Get(ProjectIdVariable) is not null && region is not null)
            host.Log(LogLevel.Debug, credentials.Agency is not null ? $"$env:{ProjectIdVariable} is not for the agency's account: not used."
                : $"$env:{ProjectIdVariable} is for region {environmentRegion ?? "(not set)"}, not {region}: not used.");
        var projectId = FirstOf(request.ProjectId, profileProjectId, environmentProjectId);
        if (projectId is not null)
            ApiRequest.ValidateProjectId(projectId, !string.IsNullOrWhiteSpace(request.ProjectId) ? "ProjectId"
                : projectId == profileProjectId?.Trim() ? $"The project id of {credentials.Source}" : ProjectIdVariable);
        var provider = SigningProvider(request, credentials, region, host);
        if (projectId is null)
        {
            if (region is null)
                throw new HuaweiCloudConfigurationException("ProjectIdMissing", "ProjectId",
                    "No project id is set, and without a region it cannot be looked up in IAM. Give -ProjectId or -Region, set a profile's project id or region (Set-HuaweiCloudProfile), or set $env:HUAWEICLOUD_SDK_PROJECT_ID.");
            var iam = ProjectIdDiscovery.IamEndpointFor(request, credentials, region, _environment);
            projectId = host.Wait(ProjectIdDiscovery.DiscoverAsync(provider, region, iam, RetryOptionsFor(request), host, host.Cancellation));
            ApiRequest.ValidateProjectId(projectId, $"The project id IAM gave for region {region}");
        }

        return new ClientContext(provider, region, projectId, endpoints, RetryOptionsFor(request));
    }

    /// <summary>What signs the service's requests: the credentials found, or an agency's temporary keys from IAM (the IAM endpoint chosen as for project ids).</summary>
    public ISigningCredentials SigningProvider(ConnectionRequest request, CredentialResolution credentials, string? region, IOperationHost host) =>
        credentials.Agency is null ? credentials.SigningCredentials
            : credentials.SigningCredentialsFor(ProjectIdDiscovery.IamEndpointFor(request, credentials, region, _environment), RetryOptionsFor(request), host);

    /// <summary>The credentials by the chain, and what their source says of region, project and endpoints.</summary>
    public CredentialResolution ResolveCredentials(ConnectionRequest request, IOperationHost host)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        var credentials = _chain.Resolve(request, _environment, host?.Cancellation ?? CancellationToken.None);
        host?.Log(LogLevel.Debug, $"Credentials: {credentials.Source}.");
        return credentials;
    }

    /// <summary>The environment the resolver reads.</summary>
    public IEnvironment Environment => _environment;

    private static bool SameRegion(string? a, string? b) => a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    public RetryOptions RetryOptionsFor(ConnectionRequest request)
    {
        var options = new RetryOptions { ResendRefusedSignature = request.ResendRefusedSignature };
        if (request.MaxRetries.HasValue)
        {
            options.MaxRetries = request.MaxRetries.Value;
        }
        else if (_environment.Get(RetryOptions.MaxRetriesVariable) is { } text)
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0 || n > RetryOptions.MaxRetriesLimit)
                throw new HuaweiCloudConfigurationException("InvalidMaxRetries", RetryOptions.MaxRetriesVariable,
                    $"$env:{RetryOptions.MaxRetriesVariable} is '{text}'; it must be a whole number from 0 to {RetryOptions.MaxRetriesLimit}.");
            options.MaxRetries = n;
        }
        if (_environment.Get(RetryOptions.BaseDelayVariable) is { } delay)
        {
            if (!int.TryParse(delay, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) || ms < 0 || ms > RetryOptions.MaxBaseDelayMilliseconds)
                throw new HuaweiCloudConfigurationException("InvalidRetryBaseDelay", RetryOptions.BaseDelayVariable,
                    $"$env:{RetryOptions.BaseDelayVariable} is '{delay}'; it must be a whole number of milliseconds from 0 to {RetryOptions.MaxBaseDelayMilliseconds}.");
            options.BaseDelay = TimeSpan.FromMilliseconds(ms);
        }
        return options;
    }

    private static string? FirstOf(params string?[] values)
    {
        foreach (var v in values) if (!string.IsNullOrWhiteSpace(v)) return v!.Trim();
        return null;
    }
}
