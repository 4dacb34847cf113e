using MigrationTools.Core.Connection;

namespace MigrationTools.Core.Credentials;

/// <summary>One link of the credential chain.</summary>
public interface ICredentialSource
{
    /// <summary>How the source is named in the "no credentials" error, e.g. "$env:HUAWEICLOUD_SDK_AK/SK".</summary>
    string Description { get; }

    /// <summary>
    /// The credentials of this source, or null to let the next source try. Throws to stop the chain
    /// (an unknown -ProfileName must never fall through to another account). A source that waits (the metadata
    /// service) stops at once when <paramref name="cancellation"/> is cancelled.
    /// </summary>
    CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment, CancellationToken cancellation);
}
