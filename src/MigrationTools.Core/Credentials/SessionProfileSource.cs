using MigrationTools.Core.Connection;
using MigrationTools.Core.Profiles;

namespace MigrationTools.Core.Credentials;

/// <summary>The session default set by Use-HuaweiCloudProfile; if it was removed since, an error (no fall-through).</summary>
public sealed class SessionProfileSource : ICredentialSource
{
    private readonly ProfileStore _store;
    public SessionProfileSource(ProfileStore store) => _store = store;

    public string Description => "the session default profile (Use-HuaweiCloudProfile)";

    public CredentialResolution? TryResolve(ConnectionRequest request, IEnvironment environment, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(request.SessionProfileName)) return null;
        var name = request.SessionProfileName!.Trim();
        return ProfileCredentials.Resolve(_store, _store.Require(name, "ProfileName", "the session default set by Use-HuaweiCloudProfile; run Use-HuaweiCloudProfile -Clear to forget it"),
            $"session default profile '{name}' (Use-HuaweiCloudProfile)", environment);
    }
}
