using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Credentials;

/// <summary>The last link: temporary credentials of the ECS instance, when the metadata service answers.</summary>
public sealed class MetadataCredentialSource : ICredentialSource
{
    private readonly IEnvironment _environment;

    /// <summary>The address comes from $env:MIGRATIONTOOLS_METADATA_ENDPOINT when asked, so a bad value only matters when this link is reached.</summary>
    public MetadataCredentialSource(IEnvironment environment) => _environment = environment;

    public string Description
    {
        get
        {
            Uri? endpoint;
            try { endpoint = MetadataSigningCredentials.EndpointFrom(_environment); }
            catch (HuaweiCloudConfigurationException) { return $"ECS instance metadata ($env:{MetadataSigningCredentials.EndpointVariable} is not a valid address)"; }
            if (endpoint is null) return $"ECS instance metadata (turned off by $env:{MetadataSigningCredentials.EndpointVariable})";
            var failure = MetadataSigningCredentials.For(endpoint).LastFailure;
            return $"ECS instance metadata at {endpoint.GetLeftPart(UriPartial.Authority)}" + (failure is null ? "" : $" ({failure}; not asked again in this process)");
        }
    }

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment)
    {
        var endpoint = MetadataSigningCredentials.EndpointFrom(_environment);
        if (endpoint is null) return null;
        var provider = MetadataSigningCredentials.For(endpoint);
        return provider.TryInitialize() ? new CredentialResolution(provider) : null;
    }
}
