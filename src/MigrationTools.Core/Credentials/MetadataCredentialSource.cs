using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Credentials;

/// <summary>The last link: temporary credentials of the ECS instance, when the metadata service answers.</summary>
public sealed class MetadataCredentialSource : ICredentialSource
{
    private readonly IEnvironment _environment;

    /// <summary>The address and the timeout come from $env:MIGRATIONTOOLS_METADATA_ENDPOINT and
    /// $env:MIGRATIONTOOLS_METADATA_TIMEOUT when asked, so a bad value only matters when this link is reached.</summary>
    public MetadataCredentialSource(IEnvironment environment) => _environment = environment;

    public string Description
    {
        get
        {
            Uri? endpoint;
            TimeSpan timeout;
            try { endpoint = MetadataSigningCredentials.EndpointFrom(_environment); }
            catch (HuaweiCloudConfigurationException) { return $"ECS instance metadata ($env:{MetadataSigningCredentials.EndpointVariable} is not a valid address)"; }
            if (endpoint is null) return $"ECS instance metadata (turned off by $env:{MetadataSigningCredentials.EndpointVariable})";
            try { timeout = MetadataSigningCredentials.TimeoutFrom(_environment); }
            catch (HuaweiCloudConfigurationException) { return $"ECS instance metadata ($env:{MetadataSigningCredentials.TimeoutVariable} is not a valid number of seconds)"; }
            var failure = MetadataSigningCredentials.For(endpoint, timeout).LastFailure;
            return $"ECS instance metadata at {endpoint.GetLeftPart(UriPartial.Authority)}" + (failure is null ? "" : $" ({failure}; not asked again in this process)");
        }
    }

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment, CancellationToken cancellation)
    {
        var endpoint = MetadataSigningCredentials.EndpointFrom(_environment);
        if (endpoint is null) return null;
        var provider = MetadataSigningCredentials.For(endpoint, MetadataSigningCredentials.TimeoutFrom(_environment));
        return provider.TryInitialize(cancellation) ? new CredentialResolution(provider) : null;
    }
}
