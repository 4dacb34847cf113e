using MigrationTools.Core.Credentials;

namespace MigrationTools.Core.Profiles;

/// <summary>
/// A stored profile: where its credentials come from — AK/SK (and a security token), the ECS instance metadata, or
/// an agency of another account assumed with another profile's credentials — with the settings that go with them.
/// <see cref="ToString"/> masks the access key and never shows the secret key or the token.
/// </summary>
public sealed class HuaweiCloudProfile
{
    public HuaweiCloudProfile(string name, string? accessKey, string? secretKey, string? securityToken = null, string? region = null,
        string? projectId = null, string? iamEndpoint = null, IReadOnlyDictionary<string, string>? serviceEndpoints = null,
        AgencyRole? agency = null, bool usesEcsMetadata = false)
    {
        Name = name;
        Agency = agency;
        UsesEcsMetadata = agency is null && usesEcsMetadata;
        var hasKeys = agency is null && !UsesEcsMetadata;
        AccessKey = hasKeys ? accessKey : null;
        SecretKey = hasKeys ? secretKey : null;
        SecurityToken = hasKeys ? Blank(securityToken) : null;
        if (hasKeys && (string.IsNullOrWhiteSpace(AccessKey) || string.IsNullOrWhiteSpace(SecretKey)))
            throw new ArgumentException($"The profile '{name}' has neither keys, nor the ECS metadata, nor an agency.", nameof(accessKey));
        Region = Blank(region);
        ProjectId = Blank(projectId);
        IamEndpoint = Blank(iamEndpoint);
        ServiceEndpoints = new SortedDictionary<string, string>(
            (serviceEndpoints ?? new Dictionary<string, string>()).ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value), StringComparer.Ordinal);
    }

    public string Name { get; }

    /// <summary>The access key; null for an ECS metadata or agency profile.</summary>
    public string? AccessKey { get; }
    public string? SecretKey { get; }
    public string? SecurityToken { get; }
    public string? Region { get; }
    public string? ProjectId { get; }
    public string? IamEndpoint { get; }

    /// <summary>Endpoint overrides keyed by service host prefix: dcs, dms, drs, iam.</summary>
    public IReadOnlyDictionary<string, string> ServiceEndpoints { get; }

    /// <summary>The agency this profile assumes; null when it signs with its own keys or the ECS metadata.</summary>
    public AgencyRole? Agency { get; }

    /// <summary>Whether the credentials are the ECS instance's temporary ones (no keys stored).</summary>
    public bool UsesEcsMetadata { get; }

    public override string ToString() =>
        Agency is not null ? $"{Name} ({Agency} with profile '{Agency.SourceProfileName}')"
        : UsesEcsMetadata ? $"{Name} (ECS metadata)" : $"{Name} ({HuaweiCloudCredentials.Mask(AccessKey)})";

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
