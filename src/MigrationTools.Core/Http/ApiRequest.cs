using System.Globalization;
using System.Text;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
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

    /// <summary>The one object the call is about (e.g. "task 'abc'"), named in every error of the call; null for a listing.</summary>
    public string? Subject { get; private set; }

    /// <summary>The operation as errors and logs name it: with its subject, e.g. "DCS ShowMigrationTask of task 'abc'".</summary>
    public string Shown => Subject is null ? Operation : Operation + " of " + Subject;

    /// <summary>Says which object the call is about: its errors (not found, forbidden, malformed, no answer) name it.</summary>
    public ApiRequest About(string noun, string id)
    {
        Subject = $"{noun} {Show(id)}";
        return this;
    }

    /// <summary>Adds what holds the subject (e.g. "instance 'x'" for a RocketMQ task).</summary>
    public ApiRequest Within(string noun, string id)
    {
        Subject = (Subject is null ? "" : Subject + " in ") + $"{noun} {Show(id)}";
        return this;
    }

    public string Method { get; set; } = "GET";

    /// <summary>The path as sent; build it with <see cref="Segment"/> for each parameter.</summary>
    public string Path { get; }

    public List<KeyValuePair<string, string>> Query { get; } = new();

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>error_code values that mean "no such object" for this API (from its <see cref="Apis.ServiceApi"/>).</summary>
    public IReadOnlyList<string> NotFoundCodes { get; set; } = Array.Empty<string>();

    /// <summary>The body of a POST (signed with the request); null for none.</summary>
    public byte[]? Body { get; set; }

    /// <summary>The Content-Type sent and signed; null: application/json.</summary>
    public string? ContentType { get; set; }

    /// <summary>Whether X-Project-Id is sent (project-scoped APIs); IAM's domain-level calls send none.</summary>
    public bool SendProjectId { get; set; } = true;

    /// <summary>
    /// Told of each attempt of this request the gateway throttled (429), before the retry: a listing lowers its
    /// number of requests in flight. Called on the thread that read the answer.
    /// </summary>
    public Action? OnThrottled { get; set; }

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

    /// <summary>The ErrorId of an id that cannot be sent as one path segment.</summary>
    public const string InvalidIdErrorId = "InvalidId";

    /// <summary>
    /// A path parameter as one escaped segment, so an id with '/', '?', '%' or spaces cannot change the path; an id
    /// that no escaping keeps in its segment is refused (<see cref="ValidateSegment"/>). The one place ids enter paths.
    /// </summary>
    /// <param name="parameterName">What the value is, for the error: a parameter ("TaskId"), a variable or a setting.</param>
    public static string Segment(string value, string parameterName)
    {
        ValidateSegment(value, parameterName);
        return SdkEncoding.Encode(value);
    }

    /// <summary>
    /// Refuses, before any request, an id that cannot be one segment of a path: empty or white space, '.', '..' or
    /// any run of dots (URI parsers resolve them as steps to another path of the API: '-TaskId ..' reached
    /// /v2/{project}/stats, a 401 that counts towards the gateway's lockout), a trailing dot (.NET Framework's Uri
    /// drops it, so the signed and the sent path differ), control characters and broken UTF-16.
    /// Escaping cannot save these: '%2E' is unescaped back to '.' by System.Uri before it compacts dot segments.
    /// </summary>
    public static void ValidateSegment(string? value, string parameterName)
    {
        var problem = SegmentProblem(value);
        if (problem is null) return;
        throw new HuaweiCloudConfigurationException(InvalidIdErrorId, parameterName,
            $"{DisplayName(parameterName)} {Show(value)} is not a valid id: {problem} An id is sent as one segment of the request path; give it as the service lists it.");
    }

    /// <summary>
    /// A project id: one path segment (<see cref="ValidateSegment"/>) that also travels in the X-Project-Id header,
    /// which holds only printable ASCII (project ids are 32 hex digits): anything else is refused before any
    /// request, not sent and failed as an unreachable endpoint.
    /// </summary>
    public static void ValidateProjectId(string? value, string parameterName)
    {
        ValidateSegment(value, parameterName);
        foreach (var c in value!)
        {
            if (c < 0x20 || c > 0x7E)
                throw new HuaweiCloudConfigurationException(InvalidIdErrorId, parameterName,
                    $"{DisplayName(parameterName)} {Show(value)} is not a valid project id: it contains U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}, and the project id is sent in the X-Project-Id header, which holds only ASCII characters. Project ids are 32 hexadecimal digits, as IAM lists them.");
        }
    }

    internal static string? SegmentProblem(string? value)
    {
        if (value is null || value.Length == 0) return "it is empty.";
        if (value.Trim().Length == 0) return "it is only white space.";
        if (value.Trim('.').Length == 0) return "dots alone would be read as a step to another path of the API.";
        if (value[value.Length - 1] == '.') return "it ends with a dot, which some URI parsers drop.";
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c)) return "it contains a control character.";
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return "it contains a broken Unicode character (a lone surrogate).";
        }
        return null;
    }

    // "TaskId" is a cmdlet parameter; "HUAWEICLOUD_SDK_PROJECT_ID" a variable; anything else is said as given.
    private static string DisplayName(string name)
    {
        if (name.Length > 0 && name.All(char.IsLetterOrDigit) && char.IsUpper(name[0])) return "-" + name;
        if (name.Length > 0 && name.All(c => c == '_' || char.IsUpper(c) || char.IsDigit(c))) return "$env:" + name;
        return name;
    }

    // Quoted, with control characters shown as \uXXXX, so the message cannot break a console line or a log.
    private static string Show(string? value)
    {
        if (value is null) return "(null)";
        var sb = new StringBuilder("'");
        foreach (var c in value.Length > 80 ? value.Substring(0, 80) + "…" : value)
        {
            if (char.IsControl(c) || char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>
    /// The URI of one attempt: endpoint (with its base path), this request's path and the signed query, built as
    /// text (UriBuilder would escape the '%' of encoded segments again). The path System.Uri will send must be
    /// the path that was signed: if the runtime's parser changed it (dot segments, unescaping), nothing is sent.
    /// </summary>
    internal Uri ToUri(Uri endpoint, string canonicalQuery)
    {
        var path = endpoint.AbsolutePath.TrimEnd('/') + Path;
        var uri = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + path + (canonicalQuery.Length > 0 ? "?" + canonicalQuery : string.Empty));
        if (!string.Equals(uri.AbsolutePath, path, StringComparison.Ordinal))
            throw new HuaweiCloudConfigurationException(InvalidIdErrorId, "Id",
                $"{Operation}: the request path {path} would be sent as {uri.AbsolutePath} by this runtime's URI parser; nothing was sent. Check the ids given.");
        return uri;
    }

    /// <summary>The copy to sign and send for one attempt: retries sign afresh.</summary>
    internal SigningInput ToSigningInput() => new()
    {
        Method = Method,
        Path = Path,
        Query = new List<KeyValuePair<string, string>>(Query),
        Headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase),
        Body = Body,
    };
}
