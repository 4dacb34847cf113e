using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;

namespace MigrationTools.Core.Credentials;

/// <summary>What a credential source found: the credentials, and the settings that came with them (a profile's region...).</summary>
public sealed class CredentialResolution
{
    private readonly ISigningCredentials? _signingCredentials;

    public CredentialResolution(ISigningCredentials provider, string? region = null, string? projectId = null, string? iamEndpoint = null,
        IReadOnlyDictionary<string, string>? serviceEndpoints = null)
        : this(region, projectId, iamEndpoint, serviceEndpoints) => _signingCredentials = provider ?? throw new ArgumentNullException(nameof(provider));

    /// <summary>An agency profile's: its keys come from IAM once <see cref="SigningCredentialsFor"/> names the IAM endpoint.</summary>
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

    /// <summary>The credentials; an agency's are had through <see cref="SigningCredentialsFor"/> only, which binds them to IAM.</summary>
    public ISigningCredentials SigningCredentials => _signingCredentials ?? throw new InvalidOperationException($"{Agency!.Label}: temporary keys come from IAM; use SigningCredentialsFor.");

    /// <summary>The agency assumed (an agency profile), else null.</summary>
    public AgencyAssumption? Agency { get; }

    /// <summary>Where the credentials come from, for -Debug and errors (never a value).</summary>
    public string Source => Agency?.Label ?? _signingCredentials!.Source;

    public string? Region { get; }
    public string? ProjectId { get; }
    public string? IamEndpoint { get; }

    /// <summary>Per-service endpoint overrides, keyed by host prefix (dcs, dms, drs, iam).</summary>
    public IReadOnlyDictionary<string, string> ServiceEndpoints { get; }

    public string? EndpointFor(CloudService service) =>
        ServiceEndpoints.TryGetValue(service.HostPrefix, out var e) ? e : null;

    /// <summary>What signs the service's requests: <see cref="SigningCredentials"/>, or an agency's temporary keys from IAM at <paramref name="iamEndpoint"/>.</summary>
    public ISigningCredentials SigningCredentialsFor(Uri iamEndpoint, RetryOptions retry, IOperationHost host) =>
        Agency?.Bind(iamEndpoint, retry, host) ?? SigningCredentials;
}
