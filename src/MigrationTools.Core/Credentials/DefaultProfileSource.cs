using MigrationTools.Core.Connection;
using MigrationTools.Core.Profiles;

namespace MigrationTools.Core.Credentials;

/// <summary>The stored profile named "default", when there is one.</summary>
public sealed class DefaultProfileSource : ICredentialSource
{
    public const string DefaultName = "default";
    private readonly ProfileStore _store;
    public DefaultProfileSource(ProfileStore store) => _store = store;

    public string Description => $"the profile named '{DefaultName}' in {_store.Path}";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment, CancellationToken cancellation) =>
        _store.Find(DefaultName) is { } profile ? ProfileCredentials.Resolve(_store, profile, $"profile '{DefaultName}'", environment) : null;
}
