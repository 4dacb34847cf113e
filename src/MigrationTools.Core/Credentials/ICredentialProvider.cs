using System.Threading;
using System.Threading.Tasks;

namespace MigrationTools.Core.Credentials;

/// <summary>
/// Gives the credentials to sign the next request with. Asked before every request, so a provider of
/// temporary credentials can refresh them before they expire; a static one just returns them.
/// </summary>
public interface ICredentialProvider
{
    /// <summary>Where the credentials come from, for -Debug output (e.g. "profile 'prod'"). Never a value.</summary>
    string Source { get; }

    Task<HuaweiCloudCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}

/// <summary>Credentials known up front (parameters, environment, a profile).</summary>
public sealed class StaticCredentialProvider : ICredentialProvider
{
    private readonly HuaweiCloudCredentials _credentials;

    public StaticCredentialProvider(HuaweiCloudCredentials credentials) => _credentials = credentials;

    public string Source => _credentials.Source;

    public Task<HuaweiCloudCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => Task.FromResult(_credentials);
}
