namespace MigrationTools.Core.Credentials;

/// <summary>Credentials known up front (parameters, environment, a profile).</summary>
public sealed class FixedSigningCredentials : ISigningCredentials
{
    private readonly HuaweiCloudCredentials _credentials;

    public FixedSigningCredentials(HuaweiCloudCredentials credentials) => _credentials = credentials;

    public string Source => _credentials.Source;

    public Task<HuaweiCloudCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => Task.FromResult(_credentials);
}
