using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Profiles;

/// <summary>
/// What Set-HuaweiCloudProfile changes. Null leaves a setting as stored; an empty string clears it (the keys
/// cannot be cleared). In <see cref="ServiceEndpoints"/>, a null or empty value removes that override.
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

    public static void ValidateName(string? name)
    {
        if (name is null || !NamePattern.IsMatch(name.Trim()))
            throw new HuaweiCloudConfigurationException("InvalidProfileName", "Name",
                $"'{name}' is not a valid profile name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
    }

    /// <summary>The profile this update makes of <paramref name="old"/> (null: a new profile, which needs its keys).</summary>
    public HuaweiCloudProfile ApplyTo(HuaweiCloudProfile? old)
    {
        var ak = Pick(AccessKey, old?.AccessKey);
        var sk = Pick(SecretKey, old?.SecretKey);
        if (ak is null || sk is null)
            throw new HuaweiCloudConfigurationException("ProfileKeysMissing", ak is null ? "AccessKey" : "SecretKey",
                $"The profile '{Name}' does not exist yet: give its keys (-AccessKey and -SecretKey, or -Credential).");
        var endpoints = new Dictionary<string, string>(old?.ServiceEndpoints.ToDictionary(p => p.Key, p => p.Value) ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var pair in ServiceEndpoints ?? new Dictionary<string, string?>())
        {
            var key = pair.Key.Trim().ToLowerInvariant();
            if (string.IsNullOrWhiteSpace(pair.Value)) endpoints.Remove(key);
            else endpoints[key] = pair.Value!.Trim();
        }
        // A new key pair makes an old security token meaningless: it belongs to other (temporary) keys.
        var keysChanged = old is not null && (ak != old.AccessKey || sk != old.SecretKey);
        var token = SecurityToken is not null ? HuaweiCloudProfile.Blank(SecurityToken) : keysChanged ? null : old?.SecurityToken;
        return new HuaweiCloudProfile(old?.Name ?? Name.Trim(), ak, sk, token,
            Pick(Region, old?.Region), Pick(ProjectId, old?.ProjectId), Pick(IamEndpoint, old?.IamEndpoint), endpoints);
    }

    // null keeps the stored value; "" clears it.
    private static string? Pick(string? given, string? stored) => given is null ? stored : HuaweiCloudProfile.Blank(given);
}
