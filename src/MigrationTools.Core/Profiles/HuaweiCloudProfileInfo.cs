using MigrationTools.Core.Credentials;
using MigrationTools.Core.Formatting;

namespace MigrationTools.Core.Profiles;

/// <summary>
/// What Get-HuaweiCloudProfile shows of a profile: the access key masked, never the secret key or the token; for an
/// agency profile, what it assumes and with which profile.
/// </summary>
public sealed class HuaweiCloudProfileInfo
{
    public HuaweiCloudProfileInfo(HuaweiCloudProfile profile, bool isSessionDefault, string storePath)
    {
        Name = profile.Name;
        AccessKey = HuaweiCloudCredentials.Mask(profile.AccessKey);
        CredentialSource = profile.Agency is not null ? "Agency" : profile.UsesEcsMetadata ? "EcsMetadata" : "Keys";
        SourceProfileName = profile.Agency?.SourceProfileName;
        AgencyDomain = profile.Agency?.DomainName;
        AgencyName = profile.Agency?.AgencyName;
        AgencyDurationSeconds = profile.Agency?.DurationSeconds;
        HasSecurityToken = profile.SecurityToken is not null;
        Region = profile.Region;
        ProjectId = profile.ProjectId;
        // A hand-edited store may hold an endpoint with user info (refused when used): never shown with its password.
        IamEndpoint = profile.IamEndpoint is null ? null : Connection.EndpointResolver.Redact(profile.IamEndpoint);
        ServiceEndpoints = string.Join("; ", profile.ServiceEndpoints.Select(p => p.Key + "=" + Connection.EndpointResolver.Redact(p.Value)));
        IsSessionDefault = isSessionDefault;
        StorePath = storePath;
    }

    [TableColumn(1, 20), ListItem(1)]
    public string Name { get; }

    /// <summary>First four and last four characters; the rest masked. Empty for an agency or ECS metadata profile.</summary>
    [ListItem(4)]
    public string AccessKey { get; }

    /// <summary>Where the credentials come from: Keys (stored AK/SK), EcsMetadata, or Agency (temporary keys from IAM).</summary>
    [TableColumn(3, 30, Label = "Credentials",
        Script = "if ($_.AgencyName) { \"agency of $($_.SourceProfileName)\" } elseif ($_.CredentialSource -eq 'EcsMetadata') { 'ECS metadata' } else { $_.AccessKey }"), ListItem(3)]
    public string CredentialSource { get; }

    /// <summary>The profile whose credentials assume the agency (agency profiles only).</summary>
    public string? SourceProfileName { get; }

    /// <summary>The account (domain) name whose agency is assumed.</summary>
    public string? AgencyDomain { get; }

    /// <summary>The agency assumed.</summary>
    [ListItem(5, Label = "Assumes",
        Script = "if ($_.AgencyName) { \"agency $($_.AgencyName) of $($_.AgencyDomain) with profile $($_.SourceProfileName)\" + $(if ($_.AgencyDurationSeconds) { \" for $($_.AgencyDurationSeconds) s\" }) }")]
    public string? AgencyName { get; }

    /// <summary>How long the temporary keys are asked for; empty: IAM's default (900 s).</summary>
    public int? AgencyDurationSeconds { get; }

    [ListItem(6, Label = "SecurityToken", TrueAs = "stored (not shown)")]
    public bool HasSecurityToken { get; }
    [TableColumn(4, 16), ListItem(7)]
    public string? Region { get; }
    [ListItem(8)]
    public string? ProjectId { get; }
    [ListItem(9)]
    public string? IamEndpoint { get; }

    /// <summary>The overrides as "dcs=https://...; drs=https://...", empty when none.</summary>
    [ListItem(10)]
    public string ServiceEndpoints { get; }

    /// <summary>Whether Use-HuaweiCloudProfile made this the default of the current session.</summary>
    [TableColumn(2, 7, Label = "Default", TrueAs = "yes"), ListItem(2, Label = "Default")]
    public bool IsSessionDefault { get; }

    /// <summary>The file the profile is stored in.</summary>
    [ListItem(11)]
    public string StorePath { get; }

    public override string ToString() => AgencyName is not null ? $"{Name} (agency {AgencyDomain}/{AgencyName} with {SourceProfileName})"
        : CredentialSource == "EcsMetadata" ? $"{Name} (ECS metadata)" : $"{Name} ({AccessKey})";
}
