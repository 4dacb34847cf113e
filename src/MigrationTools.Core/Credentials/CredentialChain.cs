using System;
using System.Collections.Generic;
using System.Linq;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;

namespace MigrationTools.Core.Credentials;

/// <summary>What a credential source found: the credentials, and the settings that came with them (a profile's region...).</summary>
public sealed class CredentialResolution
{
    private readonly ICredentialProvider? _provider;

    public CredentialResolution(ICredentialProvider provider, string? region = null, string? projectId = null, string? iamEndpoint = null,
        IReadOnlyDictionary<string, string>? serviceEndpoints = null)
        : this(region, projectId, iamEndpoint, serviceEndpoints) => _provider = provider ?? throw new ArgumentNullException(nameof(provider));

    /// <summary>An agency profile's: its keys come from IAM once <see cref="ProviderFor"/> names the IAM endpoint.</summary>
    public CredentialResolution(AgencyAssumption agency, string? region = null, string? projectId = null, string? iamEndpoint = null,
        IReadOnlyDictionary<string, string>? serviceEndpoints = null)
        : this(region, projectId, iamEndpoint, serviceEndpoints) => Agency = agency ?? throw new ArgumentNullException(nameof(agency));

    private CredentialResolution(string? region, string? projectId, string? iamEndpoint, IReadOnlyDictionary<string, string>? serviceEndpoints)
    {
        Region = region;
        ProjectId = projectId;
        IamEndpoint = iamEndpoint;
        ServiceEndpoints = serviceEndpoints ?? new Dictionary<string, string>();
    }

    /// <summary>The credentials; an agency's are had through <see cref="ProviderFor"/> only, which binds them to IAM.</summary>
    public ICredentialProvider Provider => _provider ?? throw new InvalidOperationException($"{Agency!.Label}: temporary keys come from IAM; use ProviderFor.");

    /// <summary>The agency assumed (an agency profile), else null.</summary>
    public AgencyAssumption? Agency { get; }

    /// <summary>Where the credentials come from, for -Debug and errors (never a value).</summary>
    public string Source => Agency?.Label ?? _provider!.Source;

    public string? Region { get; }
    public string? ProjectId { get; }
    public string? IamEndpoint { get; }

    /// <summary>Per-service endpoint overrides, keyed by host prefix (dcs, dms, drs, iam).</summary>
    public IReadOnlyDictionary<string, string> ServiceEndpoints { get; }

    public string? EndpointFor(CloudService service) =>
        ServiceEndpoints.TryGetValue(service.HostPrefix, out var e) ? e : null;

    /// <summary>The provider that signs the service's requests: <see cref="Provider"/>, or an agency's temporary keys from IAM at <paramref name="iamEndpoint"/>.</summary>
    public ICredentialProvider ProviderFor(Uri iamEndpoint, RetryOptions retry, IOperationHost host) =>
        Agency?.Bind(iamEndpoint, retry, host) ?? Provider;
}

/// <summary>One link of the credential chain.</summary>
public interface ICredentialSource
{
    /// <summary>How the source is named in the "no credentials" error, e.g. "$env:HUAWEICLOUD_SDK_AK/SK".</summary>
    string Description { get; }

    /// <summary>
    /// The credentials of this source, or null to let the next source try. Throws to stop the chain
    /// (an unknown -ProfileName must never fall through to another account).
    /// </summary>
    CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment);
}

/// <summary>Asks each source in order; the first that has credentials wins.</summary>
public sealed class CredentialChain
{
    public CredentialChain(IEnumerable<ICredentialSource> sources) => Sources = sources.ToList();

    public IReadOnlyList<ICredentialSource> Sources { get; }

    public CredentialResolution Resolve(ConnectionRequest request, IEnvironment environment)
    {
        foreach (var source in Sources)
        {
            var found = source.TryResolve(request, environment);
            if (found is not null) return found;
        }
        var tried = string.Join(Environment.NewLine, Sources.Select((s, i) => $"  {i + 1}. {s.Description}"));
        throw new CredentialsNotFoundException(
            "No Huawei Cloud credentials were found. Tried, in order:" + Environment.NewLine + tried + Environment.NewLine +
            "To fix it, store a profile once: Set-HuaweiCloudProfile -Name default -AccessKey <AK> -SecretKey <SK> -Region <region>" + Environment.NewLine +
            "or give -AccessKey and -SecretKey (or -Credential), or set $env:HUAWEICLOUD_SDK_AK and $env:HUAWEICLOUD_SDK_SK.");
    }
}

/// <summary>-AccessKey/-SecretKey or -Credential on the command.</summary>
public sealed class ParameterCredentialSource : ICredentialSource
{
    public string Description => "-AccessKey/-SecretKey or -Credential on the command";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment)
    {
        var hasAk = !string.IsNullOrWhiteSpace(request.AccessKey);
        var hasSk = !string.IsNullOrWhiteSpace(request.SecretKey);
        if (!hasAk && !hasSk) return null;
        if (!hasAk) throw new HuaweiCloudConfigurationException("AccessKeyMissing", "AccessKey",
            "A secret key was given without an access key. Give -AccessKey with -SecretKey, or -Credential whose user name is the access key.");
        if (!hasSk) throw new HuaweiCloudConfigurationException("SecretKeyMissing", "SecretKey",
            "An access key was given without a secret key (-SecretKey, or the password of -Credential, is empty). Give both.");
        return new CredentialResolution(new StaticCredentialProvider(
            new HuaweiCloudCredentials(request.AccessKey!, request.SecretKey!, request.SecurityToken, "command-line parameters")));
    }
}

/// <summary>The official SDKs' variables HUAWEICLOUD_SDK_AK, _SK and _SECURITY_TOKEN.</summary>
public sealed class EnvironmentCredentialSource : ICredentialSource
{
    public const string AccessKeyVariable = "HUAWEICLOUD_SDK_AK";
    public const string SecretKeyVariable = "HUAWEICLOUD_SDK_SK";
    public const string SecurityTokenVariable = "HUAWEICLOUD_SDK_SECURITY_TOKEN";

    public string Description => "$env:HUAWEICLOUD_SDK_AK and $env:HUAWEICLOUD_SDK_SK (with $env:HUAWEICLOUD_SDK_SECURITY_TOKEN)";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment)
    {
        var ak = environment.Get(AccessKeyVariable);
        var sk = environment.Get(SecretKeyVariable);
        if (ak is null && sk is null) return null;
        if (ak is null || sk is null)
            throw new HuaweiCloudConfigurationException("EnvironmentCredentialsIncomplete", ak is null ? AccessKeyVariable : SecretKeyVariable,
                $"${"env:" + (ak is null ? SecretKeyVariable : AccessKeyVariable)} is set but ${"env:" + (ak is null ? AccessKeyVariable : SecretKeyVariable)} is not. Set both, or neither.");
        return new CredentialResolution(new StaticCredentialProvider(
            new HuaweiCloudCredentials(ak, sk, environment.Get(SecurityTokenVariable), "environment variables HUAWEICLOUD_SDK_AK/SK")));
    }
}
