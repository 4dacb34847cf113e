using System.Buffers;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Http;

/// <summary>
/// Says why a 2xx body could not be read as its answer (cut off, a wrong type, a missing list, a gateway's error_code
/// inside a 200), naming the API, the field and its value. It reads the facts the converters report
/// (<see cref="AnswerValueException"/>) and the serializer's type info, never the text of an exception.
/// </summary>
internal static class AnswerDiagnosis
{
    private const int BodyStartBytes = 1024;

    /// <summary>The error for a body the serializer refused (or that has none of the type's fields).</summary>
    internal static Exception Explain<T>(string operation, HttpStatusCode status, ReadOnlySequence<byte> json, ResponseBody body, string? requestId, JsonTypeInfo<T> type, Exception? failure)
    {
        var start = BodyStart(body);
        if (SyntaxError(json) is { } syntax)
        {
            var at = $" (near {(syntax.Line > 0 ? $"line {syntax.Line + 1}, " : "")}byte {Math.Min(syntax.Byte + 1, body.Length)} of {body.Length})";
            return new MalformedResponseException(operation, status, MalformedKind.InvalidJson,
                syntax.TooDeep ? $"its JSON is nested deeper than the module reads{at}." : $"it is not complete, valid JSON{at}; the answer may have been cut off.",
                start, requestId, syntax.Error);
        }
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        var root = document.RootElement;
        var serviceError = ServiceErrorParser.FromSuccessBody(operation, status, root, start, requestId);
        if (serviceError is not null) return serviceError;

        var shape = AnswerShape.Of(type);
        if (root.ValueKind == JsonValueKind.Object && shape.IsObject)
        {
            foreach (var name in shape.Required)
            {
                if (!root.TryGetProperty(name, out _))
                    return new MalformedResponseException(operation, status, MalformedKind.MissingField,
                        $"it has no '{name}', which the API always sends.", start, requestId, failure, "$." + name);
            }
            if (failure is null)
                return new MalformedResponseException(operation, status, MalformedKind.MissingField,
                    $"it has none of the fields the API describes ({string.Join(", ", shape.Known.Take(4))}, ...).", start, requestId, null, "$");
        }

        var facts = failure as AnswerValueException;
        if (failure is JsonException json2 && (facts?.FullPath ?? json2.Path) is { Length: > 1 } path)
        {
            var value = TryFind(root, path, out var element) ? " is " + Render(element) : "";
            var problem = facts is { Problem: not (AnswerValueProblem.WrongKind or AnswerValueProblem.NotAsDescribed) }
                ? $"the field {path}{value}: {facts.Reason?.TrimEnd('.')}."
                : $"the field {path}{value}, not {facts?.Expected ?? ExpectedAt(type, path)}.";
            return new MalformedResponseException(operation, status, MalformedKind.UnexpectedJson, problem, start, requestId, failure, path);
        }
        var rootFits = root.ValueKind == (shape.IsObject ? JsonValueKind.Object : JsonValueKind.Array);
        var what = facts?.Reason is { } reason ? reason
            : rootFits ? "a value is not of the kind or in the range the API describes."
            : $"it is {Article(root.ValueKind)}, not {(shape.IsObject ? "an object" : "a list")}.";
        return new MalformedResponseException(operation, status, MalformedKind.UnexpectedJson,
            $"the JSON is not as the API describes it: {what}", start, requestId, failure, "$");
    }

    private const int MaxDepth = 256;

    /// <summary>Where the bytes stop being JSON, from the reader's position and depth (never its message), or null.</summary>
    private static (long Line, long Byte, bool TooDeep, JsonException Error)? SyntaxError(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
            }
            return null;
        }
        catch (JsonException error)
        {
            // Too deep: the reader stands MaxDepth levels in, before one more '[' or '{'.
            var open = reader.CurrentDepth + (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? 1 : 0);
            var next = NextSignificantByte(json.Slice(reader.BytesConsumed));
            return (error.LineNumber ?? 0, error.BytePositionInLine ?? 0, open >= MaxDepth && next is (byte)'[' or (byte)'{', error);
        }
    }

    private static int NextSignificantByte(ReadOnlySequence<byte> rest)
    {
        foreach (var segment in rest)
            foreach (var b in segment.Span)
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)':')) return b;
        return -1;
    }

    /// <summary>What the field at <paramref name="path"/> holds, from the serializer's type info (the type, not a message).</summary>
    internal static string ExpectedAt(JsonTypeInfo root, string path)
    {
        Type? type = root.Type;
        foreach (var (name, index) in Steps(path) ?? new List<(string? Name, int? Index)> { (null, null) })
        {
            if (type is null) break;
            if (index.HasValue) type = ElementOf(type);
            else if (name is null) type = null; // not a path the serializer writes
            else
            {
                var info = type == root.Type ? root : root.Options.GetTypeInfo(type); // a page is described, not registered
                type = info.Kind switch
                {
                    JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType,
                    JsonTypeInfoKind.Dictionary when type.IsGenericType && type.GetGenericArguments().Length == 2 => type.GetGenericArguments()[1],
                    _ => null,
                };
            }
        }
        return type is null ? "what the API describes" : Describe(type);
    }

    private static Type? ElementOf(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        return type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            ? type.GetGenericArguments()[0] : null;
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "text";
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return "a time";
        if (type.IsPrimitive || type == typeof(decimal)) return "a number";
        if (typeof(System.Collections.IEnumerable).IsAssignableFrom(type)) return "a list";
        return "an object";
    }

    /// <summary>The steps of a serializer path such as $.migration_tasks[3].created_at or $['odd.name'][0] (a name or an
    /// index each); null when it is not such a path.</summary>
    private static List<(string? Name, int? Index)>? Steps(string path)
    {
        var steps = new List<(string? Name, int? Index)>();
        var i = path.StartsWith("$", StringComparison.Ordinal) ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[') end++;
                steps.Add((path.Substring(i + 1, end - i - 1), null));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) return null;
                steps.Add((path.Substring(i + 2, end - i - 2), null));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.Substring(i + 1, end - i - 1), out var index)) return null;
                steps.Add((null, index));
                i = end + 1;
            }
            else return null;
        }
        return steps;
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };

    private static string Render(JsonElement e)
    {
        var text = e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => $"a list of {e.GetArrayLength()}",
            JsonValueKind.Null => "null",
            _ => RawText(e) ?? "text that is not valid UTF-8",
        };
        return text.Length <= 60 ? text : text.Substring(0, 60) + "…";
    }

    /// <summary>A value's JSON text, or null when its bytes are not valid UTF-8 (which the parser lets through).</summary>
    internal static string? RawText(JsonElement e)
    {
        try
        {
            return e.GetRawText();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Follows a serializer path such as $.migration_tasks[3].created_at or $['odd.name'][0].</summary>
    internal static bool TryFind(JsonElement root, string path, out JsonElement element)
    {
        element = root;
        var steps = Steps(path);
        if (steps is null) return false;
        foreach (var (name, index) in steps)
        {
            if (name is not null)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return false;
            }
            else
            {
                if (element.ValueKind != JsonValueKind.Array || index!.Value >= element.GetArrayLength()) return false;
                element = element[index.Value];
            }
        }
        return true;
    }

    internal static string BodyStart(ResponseBody body) => HuaweiCloudClient.BodyStart(body.Prefix(BodyStartBytes));
}
