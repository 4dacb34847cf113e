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

/// <summary>
/// What Set-HuaweiCloudProfile changes. Null leaves a setting as stored; an empty string clears it (the keys
/// cannot be cleared). In <see cref="ServiceEndpoints"/>, a null or empty value removes that override.
/// </summary>
public sealed class ProfileUpdate
{
    public ProfileUpdate(string name) => Name = name;

    public string Name { get; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string? SecurityToken { get; set; }
    public string? Region { get; set; }
    public string? ProjectId { get; set; }
    public string? IamEndpoint { get; set; }
    public IDictionary<string, string?>? ServiceEndpoints { get; set; }
}

/// <summary>
/// What Get-HuaweiCloudProfile shows of a profile: the access key masked, never the secret key or the token.
/// </summary>
public sealed class HuaweiCloudProfileInfo
{
    public HuaweiCloudProfileInfo(HuaweiCloudProfile profile, bool isSessionDefault, string storePath)
    {
        Name = profile.Name;
        AccessKey = HuaweiCloudCredentials.Mask(profile.AccessKey);
        HasSecurityToken = profile.SecurityToken is not null;
        Region = profile.Region;
        ProjectId = profile.ProjectId;
        // A hand-edited store may hold an endpoint with user info (refused when used): never shown with its password.
        IamEndpoint = profile.IamEndpoint is null ? null : Connection.EndpointResolver.Redact(profile.IamEndpoint);
        ServiceEndpoints = string.Join("; ", profile.ServiceEndpoints.Select(p => p.Key + "=" + Connection.EndpointResolver.Redact(p.Value)));
        IsSessionDefault = isSessionDefault;
        StorePath = storePath;
    }

    public string Name { get; }

    /// <summary>First four and last four characters; the rest masked.</summary>
    public string AccessKey { get; }

    public bool HasSecurityToken { get; }
    public string? Region { get; }
    public string? ProjectId { get; }
    public string? IamEndpoint { get; }

    /// <summary>The overrides as "dcs=https://...; drs=https://...", empty when none.</summary>
    public string ServiceEndpoints { get; }

    /// <summary>Whether Use-HuaweiCloudProfile made this the default of the current session.</summary>
    public bool IsSessionDefault { get; }

    /// <summary>The file the profile is stored in.</summary>
    public string StorePath { get; }

    public override string ToString() => $"{Name} ({AccessKey})";
}
