using MigrationTools.Core.Connection;
using MigrationTools.Core.Profiles;

namespace MigrationTools.Core.Credentials;

/// <summary>$env:MIGRATIONTOOLS_PROFILE naming a stored profile; an unknown name is an error (no fall-through).</summary>
public sealed class EnvironmentProfileSource : ICredentialSource
{
    public const string Variable = "MIGRATIONTOOLS_PROFILE";
    private readonly ProfileStore _store;
    public EnvironmentProfileSource(ProfileStore store) => _store = store;

    public string Description => $"$env:{Variable} naming a stored profile";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment, CancellationToken cancellation)
    {
        var name = environment.Get(Variable)?.Trim();
        if (string.IsNullOrEmpty(name)) return null;
        return ProfileCredentials.Resolve(_store, _store.Require(name!, Variable, "$env:" + Variable), $"profile '{name}' ($env:{Variable})", environment);
    }
}
