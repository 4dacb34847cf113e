using System.Text.RegularExpressions;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Profiles;

/// <summary>
/// What Set-HuaweiCloudProfile changes. Null leaves a setting as stored; an empty string clears it (the keys
/// cannot be cleared). In <see cref="ServiceEndpoints"/>, a null or empty value removes that override. Keys, the
/// ECS metadata (<see cref="EcsMetadata"/>) and an agency (<see cref="Agency"/>) replace one another: a profile
/// has one source of credentials.
/// </summary>
public sealed class ProfileUpdate
{
    private static readonly Regex NamePattern = new("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant);

    /// <summary>The service keys a profile may override endpoints for: the services' host prefixes.</summary>
    public static IReadOnlyList<string> ServiceKeys { get; } = CloudService.All.Select(s => s.HostPrefix).ToArray();

    public ProfileUpdate(string name) => Name = name;

    public string Name { get; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string? SecurityToken { get; set; }
    public string? Region { get; set; }
    public string? ProjectId { get; set; }
    public string? IamEndpoint { get; set; }
    public IDictionary<string, string?>? ServiceEndpoints { get; set; }

    /// <summary>The agency to assume with another profile's credentials (replaces keys or the ECS metadata).</summary>
    public AgencyRole? Agency { get; set; }

    /// <summary>True: the credentials are the ECS instance's (replaces keys or an agency).</summary>
    public bool EcsMetadata { get; set; }

    /// <summary>
    /// Everything about the update that can be told without the store: the name, the endpoints and service keys, and
    /// keys given blank (a blank key would not clear it but leave the profile without one). The store checks it again;
    /// the cmdlet checks it first, so that -WhatIf says no "Create" for an update that would fail.
    /// </summary>
    public void Validate()
    {
        ValidateName(Name);
        foreach (var (given, parameter) in new[] { (AccessKey, "AccessKey"), (SecretKey, "SecretKey") })
        {
            if (given is not null && string.IsNullOrWhiteSpace(given))
                throw new HuaweiCloudConfigurationException("ProfileKeyBlank", parameter,
                    $"-{parameter} is blank (with -Credential: its {(parameter == "AccessKey" ? "user name" : "password")}): give the key, or leave the parameter out to keep the stored one.");
        }
        if (Agency is { } agency) ValidateAgency(agency);
        if (IamEndpoint is { Length: > 0 } iam) EndpointResolver.Validate(iam, "IamEndpoint");
        if (ServiceEndpoints is null) return;
        foreach (var pair in ServiceEndpoints)
        {
            if (!ServiceKeys.Contains(pair.Key.Trim().ToLowerInvariant()))
                throw new HuaweiCloudConfigurationException("UnknownServiceKey", "ServiceEndpoint",
                    $"'{pair.Key}' is not a service this module calls. Use one of: {string.Join(", ", ServiceKeys)}.");
            if (!string.IsNullOrWhiteSpace(pair.Value)) EndpointResolver.Validate(pair.Value!, "ServiceEndpoint." + pair.Key.Trim().ToLowerInvariant());
        }
    }

    public static void ValidateName(string? name, string parameterName = "Name")
    {
        if (name is null || !NamePattern.IsMatch(name.Trim()))
            throw new HuaweiCloudConfigurationException("InvalidProfileName", parameterName,
                $"'{name}' is not a valid profile name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
    }

    private void ValidateAgency(AgencyRole agency)
    {
        ValidateName(agency.SourceProfileName, "SourceProfileName");
        if (string.Equals(agency.SourceProfileName, Name.Trim(), StringComparison.OrdinalIgnoreCase))
            throw new HuaweiCloudConfigurationException("ProfileSourceCycle", "SourceProfileName",
                $"The profile '{Name.Trim()}' cannot take its credentials from itself (-SourceProfileName {agency.SourceProfileName}).");
        foreach (var (value, parameter) in new[] { (agency.DomainName, "AgencyDomain"), (agency.AgencyName, "AgencyName") })
        {
            if (value.Length == 0 || value.Length > 64 || value.Any(char.IsControl))
                throw new HuaweiCloudConfigurationException("InvalidAgency", parameter,
                    $"-{parameter} '{value}' is not a valid {(parameter == "AgencyDomain" ? "account (domain) name" : "agency name")}: give 1 to 64 characters, as IAM shows it.");
        }
        if (agency.DurationSeconds is < AgencyRole.MinDurationSeconds or > AgencyRole.MaxDurationSeconds)
            throw new HuaweiCloudConfigurationException("InvalidAgency", "AgencyDurationSeconds",
                $"-AgencyDurationSeconds {agency.DurationSeconds} is out of range: IAM issues temporary keys for {AgencyRole.MinDurationSeconds} to {AgencyRole.MaxDurationSeconds} seconds.");
    }

    /// <summary>The profile this update makes of <paramref name="old"/> (null: a new profile, which needs its credentials).</summary>
    public HuaweiCloudProfile ApplyTo(HuaweiCloudProfile? old)
    {
        if (Agency is not null || EcsMetadata)
        {
            // Another account (a new agency or the instance's) makes a stored project id meaningless, unless given.
            var sameAccount = Agency is not null ? Agency.SameAgency(old?.Agency) : old?.UsesEcsMetadata == true;
            return new HuaweiCloudProfile(old?.Name ?? Name.Trim(), null, null, null, Pick(Region, old?.Region),
                Pick(ProjectId, sameAccount ? old?.ProjectId : null), Pick(IamEndpoint, old?.IamEndpoint), MergedEndpoints(old), Agency, EcsMetadata);
        }
        if (old is not null && old.AccessKey is null && AccessKey is null && SecretKey is null)
        {
            // Settings only, for an agency or ECS metadata profile: its source of credentials stays.
            if (!string.IsNullOrWhiteSpace(SecurityToken))
                throw new HuaweiCloudConfigurationException("ProfileKeysMissing", "SecurityToken",
                    $"The profile '{old.Name}' has no keys ({old}): a -SecurityToken goes with -AccessKey and -SecretKey.");
            return new HuaweiCloudProfile(old.Name, null, null, null, Pick(Region, old.Region), Pick(ProjectId, old.ProjectId),
                Pick(IamEndpoint, old.IamEndpoint), MergedEndpoints(old), old.Agency, old.UsesEcsMetadata);
        }
        var ak = Pick(AccessKey, old?.AccessKey);
        var sk = Pick(SecretKey, old?.SecretKey);
        if (ak is null || sk is null)
            throw new HuaweiCloudConfigurationException("ProfileKeysMissing", ak is null ? "AccessKey" : "SecretKey",
                $"The profile '{Name}' does not exist yet: give its keys (-AccessKey and -SecretKey, or -Credential).");
        // A new key pair makes an old security token meaningless: it belongs to other (temporary) keys.
        var keysChanged = old is not null && (ak != old.AccessKey || sk != old.SecretKey);
        var token = SecurityToken is not null ? HuaweiCloudProfile.Blank(SecurityToken) : keysChanged ? null : old?.SecurityToken;
        return new HuaweiCloudProfile(old?.Name ?? Name.Trim(), ak, sk, token,
            Pick(Region, old?.Region), Pick(ProjectId, old?.AccessKey is null ? null : old.ProjectId), Pick(IamEndpoint, old?.IamEndpoint), MergedEndpoints(old));
    }

    private Dictionary<string, string> MergedEndpoints(HuaweiCloudProfile? old)
    {
        var endpoints = new Dictionary<string, string>(old?.ServiceEndpoints.ToDictionary(p => p.Key, p => p.Value) ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var pair in ServiceEndpoints ?? new Dictionary<string, string?>())
        {
            var key = pair.Key.Trim().ToLowerInvariant();
            if (string.IsNullOrWhiteSpace(pair.Value)) endpoints.Remove(key);
            else endpoints[key] = pair.Value!.Trim();
        }
        return endpoints;
    }

    // null keeps the stored value; "" clears it.
    private static string? Pick(string? given, string? stored) => given is null ? stored : HuaweiCloudProfile.Blank(given);
}
