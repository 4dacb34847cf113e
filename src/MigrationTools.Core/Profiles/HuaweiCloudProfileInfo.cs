using System.Linq;
using MigrationTools.Core.Credentials;

namespace MigrationTools.Core.Profiles;

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
