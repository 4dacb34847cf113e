using MigrationTools.Core.Connection;

namespace MigrationTools.Infrastructure;

/// <summary>Builds the core services the cmdlets use, from the process environment.</summary>
internal static class ModuleServices
{
    public static ConnectionResolver CreateResolver() =>
        new(ConnectionResolver.BasicChain(), ProcessEnvironment.Instance);
}
