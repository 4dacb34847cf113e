using MigrationTools.Core.Endpoints;

namespace MigrationTools.Core.Apis;

/// <summary>
/// One operation of an API description, as a cmdlet names it (once): what the operation is called, its service
/// (host, region table, not-found codes) and the records it answers with. The build reads it too, for the help's
/// paging sentences, the about topic's tables and the check of the cmdlet's [OutputType].
/// </summary>
public interface IApiOperation
{
    /// <summary>The operation's name as users see it in errors and -Verbose, for example "DCS ListMigrationTask".</summary>
    string Name { get; }

    /// <summary>The service description: service, host, not-found codes.</summary>
    ServiceApi Api { get; }

    CloudService Service { get; }

    /// <summary>The type of the records the operation gives (what the cmdlet writes).</summary>
    Type RecordType { get; }
}
