using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Profiles;

namespace MigrationTools.Core.Credentials;

/// <summary>-ProfileName: a name that is not stored is an error, never a fall-through to another account.</summary>
public sealed class ExplicitProfileSource : ICredentialSource
{
    private readonly ProfileStore _store;
    public ExplicitProfileSource(ProfileStore store) => _store = store;

    public string Description => $"-ProfileName (a profile stored in {_store.Path})";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(request.ProfileName)) return null;
        var name = request.ProfileName!.Trim();
        return ProfileCredentials.Resolve(_store, _store.Require(name, "ProfileName", "-ProfileName"), $"profile '{name}' (-ProfileName)", environment);
    }
}

/// <summary>The session default set by Use-HuaweiCloudProfile; if it was removed since, an error (no fall-through).</summary>
public sealed class SessionProfileSource : ICredentialSource
{
    private readonly ProfileStore _store;
    public SessionProfileSource(ProfileStore store) => _store = store;

    public string Description => "the session default profile (Use-HuaweiCloudProfile)";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(request.SessionProfileName)) return null;
        var name = request.SessionProfileName!.Trim();
        return ProfileCredentials.Resolve(_store, _store.Require(name, "ProfileName", "the session default set by Use-HuaweiCloudProfile; run Use-HuaweiCloudProfile -Clear to forget it"),
            $"session default profile '{name}' (Use-HuaweiCloudProfile)", environment);
    }
}

/// <summary>$env:MIGRATIONTOOLS_PROFILE naming a stored profile; an unknown name is an error (no fall-through).</summary>
public sealed class EnvironmentProfileSource : ICredentialSource
{
    public const string Variable = "MIGRATIONTOOLS_PROFILE";
    private readonly ProfileStore _store;
    public EnvironmentProfileSource(ProfileStore store) => _store = store;

    public string Description => $"$env:{Variable} naming a stored profile";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment)
    {
        var name = environment.Get(Variable)?.Trim();
        if (string.IsNullOrEmpty(name)) return null;
        return ProfileCredentials.Resolve(_store, _store.Require(name!, Variable, "$env:" + Variable), $"profile '{name}' ($env:{Variable})", environment);
    }
}

/// <summary>The stored profile named "default", when there is one.</summary>
public sealed class DefaultProfileSource : ICredentialSource
{
    public const string DefaultName = "default";
    private readonly ProfileStore _store;
    public DefaultProfileSource(ProfileStore store) => _store = store;

    public string Description => $"the profile named '{DefaultName}' in {_store.Path}";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment) =>
        _store.Find(DefaultName) is { } profile ? ProfileCredentials.Resolve(_store, profile, $"profile '{DefaultName}'", environment) : null;
}

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
            return new CredentialResolution(new StaticCredentialProvider(new HuaweiCloudCredentials(p.AccessKey!, p.SecretKey!, p.SecurityToken, label)),
                p.Region, p.ProjectId, p.IamEndpoint, p.ServiceEndpoints);
        var endpoint = MetadataCredentialProvider.EndpointFrom(environment)
            ?? throw new MetadataUnavailableException($"the profile '{p.Name}' uses it, but $env:{MetadataCredentialProvider.EndpointVariable} turns it off");
        var provider = MetadataCredentialProvider.For(endpoint);
        if (!provider.TryInitialize()) throw new MetadataUnavailableException($"{provider.LastFailure} (for {label})");
        return new CredentialResolution(provider, p.Region, p.ProjectId, p.IamEndpoint, p.ServiceEndpoints);
    }
}

/// <summary>
/// The official SDKs' credentials file: INI, section [basic], keys ak, sk, security_token, project_id, iam_endpoint.
/// $env:HUAWEICLOUD_SDK_CREDENTIALS_FILE, else ~/.huaweicloud/credentials. A missing file or section falls through.
/// </summary>
public sealed class SdkCredentialsFileSource : ICredentialSource
{
    public const string PathVariable = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";
    private readonly string _path;

    public SdkCredentialsFileSource(string path) => _path = path;

    public static string DefaultPath(IEnvironment environment) =>
        environment.Get(PathVariable) ?? Path.Combine(ProfileStore.HomeDirectory(), ProfileStore.DefaultFolderName, "credentials");

    public string Description => $"the SDKs' credentials file {_path} (section [basic], ak and sk)";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment)
    {
        string[] lines;
        try
        {
            if (!File.Exists(_path)) return null;
            lines = File.ReadAllLines(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HuaweiCloudConfigurationException("CredentialsFileUnreadable", PathVariable, $"The SDK credentials file '{_path}' could not be read: {ex.Message}");
        }
        var basic = ReadSection(lines, "basic");
        if (basic is null) return null;
        basic.TryGetValue("ak", out var ak);
        basic.TryGetValue("sk", out var sk);
        if (string.IsNullOrWhiteSpace(ak) || string.IsNullOrWhiteSpace(sk))
            throw new HuaweiCloudConfigurationException("CredentialsFileIncomplete", PathVariable,
                $"The [basic] section of the SDK credentials file '{_path}' lacks {(string.IsNullOrWhiteSpace(ak) ? "ak" : "sk")}. Give both ak and sk, or remove the section.");
        basic.TryGetValue("security_token", out var token);
        basic.TryGetValue("project_id", out var projectId);
        basic.TryGetValue("iam_endpoint", out var iam);
        return new CredentialResolution(
            new StaticCredentialProvider(new HuaweiCloudCredentials(ak!, sk!, token, $"SDK credentials file '{_path}'")),
            region: null, projectId: HuaweiCloudProfile.Blank(projectId), iamEndpoint: HuaweiCloudProfile.Blank(iam));
    }

    /// <summary>The keys of one section (Python configparser style: key = value or key: value, ; and # comments), or null.</summary>
    private static readonly char[] KeyValueSeparators = { '=', ':' };

    internal static Dictionary<string, string>? ReadSection(IEnumerable<string> lines, string section)
    {
        Dictionary<string, string>? found = null;
        var inSection = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
            if (line[0] == '[' && line.EndsWith("]", StringComparison.Ordinal))
            {
                inSection = string.Equals(line.Substring(1, line.Length - 2).Trim(), section, StringComparison.Ordinal);
                if (inSection) found ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                continue;
            }
            if (!inSection) continue;
            var cut = line.IndexOfAny(KeyValueSeparators);
            if (cut <= 0) continue;
            found![line.Substring(0, cut).Trim()] = line.Substring(cut + 1).Trim();
        }
        return found;
    }
}
