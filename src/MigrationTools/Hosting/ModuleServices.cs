using MigrationTools.Core.Connection;
using MigrationTools.Core.Profiles;

namespace MigrationTools.Hosting;

/// <summary>Builds the core services the cmdlets use, from the process environment.</summary>
internal static class ModuleServices
{
    public static ConnectionResolver CreateResolver() =>
        new(ConnectionResolver.FullChain(ProcessEnvironment.Instance), ProcessEnvironment.Instance);

    /// <summary>The profile store of this user ($env:MIGRATIONTOOLS_PROFILES_FILE or ~/.huaweicloud/migrationtools-profiles.json).</summary>
    public static ProfileStore Profiles() => ProfileStore.FromEnvironment(ProcessEnvironment.Instance);
}
