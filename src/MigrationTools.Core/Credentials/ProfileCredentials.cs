using MigrationTools.Core.Connection;
using MigrationTools.Core.Profiles;

namespace MigrationTools.Core.Credentials;

/// <summary>
/// The credentials of a stored profile: its keys; the ECS instance metadata; or an agency, assumed with the
/// credentials of its source profile (itself keys, the metadata or another agency; a cycle is refused, naming the
/// profiles). An agency profile's region, IAM endpoint and service endpoints default to its source's; its project
/// id never does (it is another account's).
/// </summary>
public static class ProfileCredentials
{
    public static CredentialResolution Resolve(ProfileStore store, HuaweiCloudProfile profile, string label, IEnvironment environment)
    {
        var profiles = store.All();
        var chain = AgencyRole.SourceChain(profile, profiles, store);
        // From the profile that signs with its own credentials back to the one asked for.
        var resolution = Own(chain[chain.Count - 1], chain.Count == 1 ? label : $"profile '{chain[chain.Count - 1].Name}'", environment);
        for (var i = chain.Count - 2; i >= 0; i--)
        {
            var p = chain[i];
            var source = resolution;
            var endpoints = new Dictionary<string, string>(source.ServiceEndpoints.ToDictionary(e => e.Key, e => e.Value), StringComparer.OrdinalIgnoreCase);
            foreach (var e in p.ServiceEndpoints) endpoints[e.Key] = e.Value;
            var name = i == 0 ? label : $"profile '{p.Name}'";
            resolution = new CredentialResolution(new AgencyAssumption(source, p.Agency!, $"{name}: {p.Agency} assumed with {source.Source}"),
                p.Region ?? source.Region, p.ProjectId, p.IamEndpoint ?? source.IamEndpoint, endpoints);
        }
        return resolution;
    }

    private static CredentialResolution Own(HuaweiCloudProfile p, string label, IEnvironment environment)
    {
        if (!p.UsesEcsMetadata)
            return new CredentialResolution(new FixedSigningCredentials(new HuaweiCloudCredentials(p.AccessKey!, p.SecretKey!, p.SecurityToken, label)),
                p.Region, p.ProjectId, p.IamEndpoint, p.ServiceEndpoints);
        var endpoint = MetadataSigningCredentials.EndpointFrom(environment)
            ?? throw new MetadataUnavailableException($"the profile '{p.Name}' uses it, but $env:{MetadataSigningCredentials.EndpointVariable} turns it off");
        var provider = MetadataSigningCredentials.For(endpoint);
        if (!provider.TryInitialize()) throw new MetadataUnavailableException($"{provider.LastFailure} (for {label})");
        return new CredentialResolution(provider, p.Region, p.ProjectId, p.IamEndpoint, p.ServiceEndpoints);
    }
}
