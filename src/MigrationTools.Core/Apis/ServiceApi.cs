using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;

namespace MigrationTools.Core.Apis;

/// <summary>
/// What every API of one service description shares, stated once: the service (and so its host and region table)
/// and the error codes that mean "no such object" whatever HTTP status carries them. Requests made through it
/// carry both, so neither the cmdlets nor the exception class restate them.
/// </summary>
public sealed class ServiceApi
{
    internal ServiceApi(CloudService service, params string[] notFoundCodes)
    {
        Service = service ?? throw new ArgumentNullException(nameof(service));
        NotFoundCodes = notFoundCodes;
    }

    public CloudService Service { get; }

    /// <summary>error_code values that mean the object asked for does not exist (reported as ObjectNotFound).</summary>
    public IReadOnlyList<string> NotFoundCodes { get; }

    /// <summary>A request of this service; <paramref name="operation"/> is the API's name as users see it in errors.</summary>
    internal ApiRequest Request(string operation, string path) =>
        new(Service, operation, path) { NotFoundCodes = NotFoundCodes };
}
