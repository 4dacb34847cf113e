using MigrationTools.Core.Connection;
using MigrationTools.Core.Profiles;

namespace MigrationTools.Core.Credentials;

/// <summary>-ProfileName: a name that is not stored is an error, never a fall-through to another account.</summary>
public sealed class ExplicitProfileSource : ICredentialSource
{
    private readonly ProfileStore _store;
    public ExplicitProfileSource(ProfileStore store) => _store = store;

    public string Description => $"-ProfileName (a profile stored in {_store.Path})";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(request.ProfileName)) return null;
        var name = request.ProfileName!.Trim();
        return ProfileCredentials.Resolve(_store, _store.Require(name, "ProfileName", "-ProfileName"), $"profile '{name}' (-ProfileName)", environment);
    }
}
