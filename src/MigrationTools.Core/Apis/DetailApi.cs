using System.Text.Json.Serialization.Metadata;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Models;

namespace MigrationTools.Core.Apis;

/// <summary>An operation that reads one record at a path (ShowX), stamped with its region and project.</summary>
public sealed class DetailApi<T> : IApiOperation where T : class, IRegionalResource
{

    internal DetailApi(string operation, ServiceApi api)
    {
        Name = operation;
        Api = api;
        AnswerType = api.AnswerType<T>();
    }

    public string Name { get; }
    public ServiceApi Api { get; }
    public CloudService Service => Api.Service;
    public Type RecordType => typeof(T);

    /// <summary>How the serializer reads the record (from the service's context).</summary>
    internal JsonTypeInfo<T> AnswerType { get; }

    /// <summary>The record at <paramref name="path"/>, about the <paramref name="noun"/> <paramref name="id"/> (errors name it); <paramref name="complete"/> fills in what the answer may lack (its id).</summary>
    internal T Get(HuaweiCloudClient client, string path, string noun, string id, Action<T>? complete = null)
    {
        var record = client.Send(Api.Request(Name, path).About(noun, id), AnswerType);
        complete?.Invoke(record);
        return ApiHelpers.Stamp(client, record);
    }

    /// <summary>The record at <paramref name="path"/>, without blocking (a wait reads several concurrently).</summary>
    internal async Task<T> GetAsync(HuaweiCloudClient client, string path, string noun, string id, CancellationToken cancellation, Action<T>? complete = null)
    {
        var record = await client.SendAsync(Api.Request(Name, path).About(noun, id), AnswerType, cancellation).ConfigureAwait(false);
        complete?.Invoke(record);
        return ApiHelpers.Stamp(client, record);
    }
}
