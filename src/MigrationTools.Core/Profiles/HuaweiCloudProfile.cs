using System;
using System.Collections.Generic;
using System.Linq;
using MigrationTools.Core.Credentials;

namespace MigrationTools.Core.Profiles;

/// <summary>
/// A stored profile: AK/SK (and a security token), with the settings that go with them. <see cref="ToString"/>
/// masks the access key and never shows the secret key or the token.
/// </summary>
public sealed class HuaweiCloudProfile
{
    public HuaweiCloudProfile(string name, string accessKey, string secretKey, string? securityToken = null, string? region = null,
        string? projectId = null, string? iamEndpoint = null, IReadOnlyDictionary<string, string>? serviceEndpoints = null)
    {
        Name = name;
        AccessKey = accessKey;
        SecretKey = secretKey;
        SecurityToken = Blank(securityToken);
        Region = Blank(region);
        ProjectId = Blank(projectId);
        IamEndpoint = Blank(iamEndpoint);
        ServiceEndpoints = new SortedDictionary<string, string>(
            (serviceEndpoints ?? new Dictionary<string, string>()).ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value), StringComparer.Ordinal);
    }

    public string Name { get; }
    public string AccessKey { get; }
    public string SecretKey { get; }
    public string? SecurityToken { get; }
    public string? Region { get; }
    public string? ProjectId { get; }
    public string? IamEndpoint { get; }

    /// <summary>Endpoint overrides keyed by service host prefix: dcs, dms, drs, iam.</summary>
    public IReadOnlyDictionary<string, string> ServiceEndpoints { get; }

    /// <summary>The credentials of the profile, labelled with where they came from (for -Debug).</summary>
    public CredentialResolution ToResolution(string source) =>
        new(new StaticCredentialProvider(new HuaweiCloudCredentials(AccessKey, SecretKey, SecurityToken, source)),
            Region, ProjectId, IamEndpoint, ServiceEndpoints);

    public override string ToString() => $"{Name} ({HuaweiCloudCredentials.Mask(AccessKey)})";

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
