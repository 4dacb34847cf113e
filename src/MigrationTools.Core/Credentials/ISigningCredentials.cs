namespace MigrationTools.Core.Credentials;

/// <summary>
/// The credentials that sign each request: asked before every request, so temporary ones (ECS metadata, an agency)
/// are renewed before they expire; fixed ones are just returned. An <see cref="ICredentialSource"/> of the chain
/// says where they come from and gives one of these.
/// </summary>
public interface ISigningCredentials
{
    /// <summary>Where the credentials come from, for -Debug output (e.g. "profile 'prod'"). Never a value.</summary>
    string Source { get; }

    Task<HuaweiCloudCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
