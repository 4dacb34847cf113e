using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MigrationTools.Core.Json;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;

namespace MigrationTools.Core.Apis;

/// <summary>
/// What every API of one service description shares, stated once: the service (and so its host and region table),
/// the error codes that mean "no such object" whatever HTTP status carries them, and how its answers are read (the
/// service's source-generated context of records). Requests made through it carry them, so neither the cmdlets nor
/// the exception class restate them.
/// </summary>
public sealed class ServiceApi
{
    /// <param name="service">The service: its host and region table.</param>
    /// <param name="records">The service's context: its records and details, and List&lt;T&gt; of each listed record.</param>
    /// <param name="notFoundCodes">error_code values that mean "no such object".</param>
    internal ServiceApi(CloudService service, IJsonTypeInfoResolver records, params string[] notFoundCodes)
    {
        Service = service ?? throw new ArgumentNullException(nameof(service));
        Answers = MigrationJsonContext.OptionsFor(records ?? throw new ArgumentNullException(nameof(records)));
        NotFoundCodes = notFoundCodes;
    }

    public CloudService Service { get; }

    /// <summary>error_code values that mean the object asked for does not exist (reported as ObjectNotFound).</summary>
    public IReadOnlyList<string> NotFoundCodes { get; }

    /// <summary>How the service's answers are read: its context, with the module's converters.</summary>
    internal JsonSerializerOptions Answers { get; }

    /// <summary>How the serializer reads a <typeparamref name="T"/> of this service (registered in its context).</summary>
    internal JsonTypeInfo<T> AnswerType<T>() => (JsonTypeInfo<T>)Answers.GetTypeInfo(typeof(T));

    /// <summary>A request of this service; <paramref name="operation"/> is the API's name as users see it in errors.</summary>
    internal ApiRequest Request(string operation, string path) =>
        new(Service, operation, path) { NotFoundCodes = NotFoundCodes };
}
