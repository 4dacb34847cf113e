using System;
using System.Collections.Generic;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Signing;

namespace MigrationTools.Core.Http;

/// <summary>One call of an API: service, path, query and extra headers. Signing and sending are the client's.</summary>
public sealed class ApiRequest
{
    public ApiRequest(CloudService service, string operation, string path)
    {
        Service = service ?? throw new ArgumentNullException(nameof(service));
        Operation = operation ?? throw new ArgumentNullException(nameof(operation));
        Path = path ?? throw new ArgumentNullException(nameof(path));
    }

    public CloudService Service { get; }

    /// <summary>The API's name as users see it in errors, e.g. "DCS ListMigrationTask".</summary>
    public string Operation { get; }

    public string Method { get; set; } = "GET";

    /// <summary>The path as sent; build it with <see cref="Segment"/> for each parameter.</summary>
    public string Path { get; }

    public List<KeyValuePair<string, string>> Query { get; } = new();

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>error_code values that mean "no such object" for this API (from its <see cref="Apis.ServiceApi"/>).</summary>
    public IReadOnlyList<string> NotFoundCodes { get; set; } = Array.Empty<string>();

    /// <summary>Whether X-Project-Id is sent (project-scoped APIs); IAM's domain-level calls send none.</summary>
    public bool SendProjectId { get; set; } = true;

    /// <summary>Adds a query parameter when it has a value.</summary>
    public ApiRequest With(string key, string? value)
    {
        if (value is not null) Query.Add(new KeyValuePair<string, string>(key, value));
        return this;
    }

    /// <summary>Adds a query parameter once per value (the SDKs' "multi" format for arrays).</summary>
    public ApiRequest WithEach(string key, IEnumerable<string>? values)
    {
        if (values is null) return this;
        foreach (var v in values) With(key, v);
        return this;
    }

    public ApiRequest WithHeader(string name, string? value)
    {
        if (value is not null) Headers[name] = value;
        return this;
    }

    /// <summary>Encodes a path parameter, so an id with '/', '?' or spaces cannot change the path.</summary>
    public static string Segment(string value) => SdkEncoding.Encode(value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>The copy to sign and send for one attempt: retries sign afresh.</summary>
    internal SigningInput ToSigningInput() => new()
    {
        Method = Method,
        Path = Path,
        Query = new List<KeyValuePair<string, string>>(Query),
        Headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase),
    };
}
