using MigrationTools.Core.Http;
using MigrationTools.Core.Profiles;

namespace MigrationTools.Core.Credentials;

/// <summary>
/// What an agency profile resolved to: the agency to assume and the credentials of its source profile. It signs
/// nothing until <see cref="Bind"/> gives it the IAM endpoint (known once the command's region and endpoint are),
/// so the source's keys can only ever reach IAM.
/// </summary>
public sealed class AgencyAssumption
{
    public AgencyAssumption(CredentialResolution source, AgencyRole role, string label)
    {
        Source = source;
        Role = role;
        Label = label;
    }

    public CredentialResolution Source { get; }
    public AgencyRole Role { get; }

    /// <summary>For -Debug: the profile, the agency and its source.</summary>
    public string Label { get; }

    /// <summary>The provider of the agency's temporary keys, asked of IAM at <paramref name="iamEndpoint"/> (a source that is itself an agency asks the same IAM).</summary>
    public ISigningCredentials Bind(Uri iamEndpoint, RetryOptions retry, IOperationHost host) =>
        new AgencySigningCredentials(Source.SigningCredentialsFor(iamEndpoint, retry, host), Role, iamEndpoint, retry, host, Label);
}
