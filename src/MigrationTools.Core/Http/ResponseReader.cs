using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Http;

/// <summary>
/// Turns a 2xx body into its typed answer in one pass: the source-generated serializer reads the pooled bytes in
/// place. Only when that fails is the body looked at again, to say what is wrong (cut off, wrong type, a missing
/// list, a gateway's error_code inside a 200), naming the API, the field and its value.
/// </summary>
internal static class ResponseReader
{
    private const int BodyStartBytes = 1024;

    /// <summary>The largest body copied into one buffer to be read in one pass (4 times the default limit).</summary>
    internal const long LargestCopy = 4 * ResponseLimits.DefaultMaxBytes;

    public static T Read<T>(string operation, HttpStatusCode status, ResponseBody body, string? requestId, JsonTypeInfo<T> type, IOperationHost? host = null)
    {
        var first = body.FirstSignificantByte();
        if (first < 0)
            throw new MalformedResponseException(operation, status, MalformedKind.Empty, "the body is empty.", string.Empty, requestId);
        if (first == '<')
            throw new MalformedResponseException(operation, status, MalformedKind.Html, "it is HTML, not JSON (a proxy or gateway page?).", BodyStart(body), requestId);

        var sequence = body.AsSequence();
        if (body.HasBom()) sequence = sequence.Slice(3);
        T? value;
        try
        {
            value = Deserialize(sequence, type);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            throw Explain(operation, status, sequence, body, requestId, type, ex);
        }
        if (value is null)
            throw new MalformedResponseException(operation, status, MalformedKind.UnexpectedJson, "the body is JSON null.", BodyStart(body), requestId);

        // An object type without required members (a detail, the stats): an answer with none of its fields is not
        // an answer ({} or a gateway's {"error_code",...} with a 200). The check stops at the first known name.
        var shape = Shape.Of(type);
        if (shape.NeedsKnownMember && !HasKnownMember(sequence, shape))
            throw Explain(operation, status, sequence, body, requestId, type, null);

        if (value is IRecordPage page)
        {
            var skipped = page.RemoveNullRecords();
            if (skipped > 0)
                host?.Log(LogLevel.Warning, $"{operation}: the answer held {skipped} null record(s) in '{page.RecordsField}'; skipped them.");
        }
        return value;
    }

    /// <summary>
    /// One pass over the bytes, and an error for anything but white space after the value. The span overload does
    /// that; the one for a reader over chunks first skips the whole value to scope it, a second pass that cost a
    /// third of reading a page. So a body of several chunks is copied into one pooled buffer (pooled at any size on
    /// .NET; on .NET Framework, up to 1 MiB) and read from there.
    /// </summary>
    internal static T? Deserialize<T>(ReadOnlySequence<byte> json, JsonTypeInfo<T> type, long largestCopy = LargestCopy)
    {
        if (json.IsSingleSegment) return JsonSerializer.Deserialize(json.First.Span, type);
        if (json.Length > largestCopy)
        {
            // A body this large (a raised $env:MIGRATIONTOOLS_MAX_RESPONSE_BYTES) is not copied: two passes over the
            // chunks cost less than a second buffer as large, which an array may not even hold.
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = type.Options.MaxDepth == 0 ? 64 : type.Options.MaxDepth });
            var value = JsonSerializer.Deserialize(ref reader, type);
            if (reader.Read()) throw new JsonException("There is more after the JSON value.");
            return value;
        }
        var length = (int)json.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            json.CopyTo(buffer);
            return JsonSerializer.Deserialize(new ReadOnlySpan<byte>(buffer, 0, length), type);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The error for a body the serializer refused (or that has none of the type's fields).</summary>
    private static Exception Explain<T>(string operation, HttpStatusCode status, ReadOnlySequence<byte> json, ResponseBody body, string? requestId, JsonTypeInfo<T> type, Exception? failure)
    {
        var start = BodyStart(body);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException syntax)
        {
            var at = syntax.BytePositionInLine is { } pos
                ? $" (near {(syntax.LineNumber is > 0 ? $"line {syntax.LineNumber + 1}, " : "")}byte {Math.Min(pos + 1, body.Length)} of {body.Length})"
                : "";
            var deep = syntax.Message.IndexOf("maximum configured depth", StringComparison.Ordinal) >= 0;
            return new MalformedResponseException(operation, status, MalformedKind.InvalidJson,
                deep ? $"its JSON is nested deeper than the module reads{at}." : $"it is not complete, valid JSON{at}; the answer may have been cut off.",
                start, requestId, syntax);
        }
        using (document)
        {
            var root = document.RootElement;
            var serviceError = ServiceErrorParser.FromSuccessBody(operation, status, root, start, requestId);
            if (serviceError is not null) return serviceError;

            var shape = Shape.Of(type);
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

            if (failure is JsonException json2 && ReadableListPath.Of(json2) is { Length: > 1 } path)
            {
                var value = TryFind(root, path, out var element) ? " is " + Render(element) : "";
                var own = OwnMessage(json2);
                var problem = own is not null && !own.StartsWith("Expected ", StringComparison.Ordinal)
                    ? $"the field {path}{value}: {own.TrimEnd('.')}."
                    : $"the field {path}{value}, not {(own is not null ? Lower(WithoutGot(own.Substring(9))) : Expected(json2))}.";
                return new MalformedResponseException(operation, status, MalformedKind.UnexpectedJson, problem, start, requestId, failure, path);
            }
            var rootFits = root.ValueKind == (shape.IsObject ? JsonValueKind.Object : JsonValueKind.Array);
            var what = failure is JsonException j && OwnMessage(j) is { } m ? m
                : rootFits ? "a value is not of the kind or in the range the API describes."
                : $"it is {Article(root.ValueKind)}, not {(shape.IsObject ? "an object" : "a list")}.";
            return new MalformedResponseException(operation, status, MalformedKind.UnexpectedJson,
                $"the JSON is not as the API describes it: {what}", start, requestId, failure, "$");
        }
    }

    private static bool HasKnownMember(ReadOnlySequence<byte> json, Shape shape)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return true; // the serializer judged the rest
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            foreach (var name in shape.Known)
                if (reader.ValueTextEquals(name)) return true;
            reader.Read();
            reader.Skip();
        }
        return false;
    }

    /// <summary>What the field should have been: the converter's own words, else the kind of the target type.</summary>
    private static string Expected(JsonException ex)
    {
        const string marker = "could not be converted to ";
        var i = ex.Message.IndexOf(marker, StringComparison.Ordinal);
        if (i < 0) return "what the API describes";
        var full = ex.Message.Substring(i + marker.Length);
        if (full.StartsWith("System.Int", StringComparison.Ordinal) || full.StartsWith("System.Double", StringComparison.Ordinal)
            || full.StartsWith("System.Decimal", StringComparison.Ordinal) || full.StartsWith("System.Nullable`1[System.Int", StringComparison.Ordinal)
            || full.StartsWith("System.Nullable`1[System.Double", StringComparison.Ordinal)) return "a number";
        if (full.StartsWith("System.Boolean", StringComparison.Ordinal) || full.StartsWith("System.Nullable`1[System.Boolean", StringComparison.Ordinal)) return "true or false";
        if (full.StartsWith("System.String", StringComparison.Ordinal)) return "text";
        if (full.StartsWith("System.DateTime", StringComparison.Ordinal) || full.StartsWith("System.Nullable`1[System.DateTime", StringComparison.Ordinal)) return "a time";
        if (full.StartsWith("System.Collections", StringComparison.Ordinal) || full.StartsWith("MigrationTools.Core.Models.ReadableList", StringComparison.Ordinal)) return "a list";
        return "an object";
    }

    private static string WithoutGot(string s)
    {
        var cut = s.IndexOf(", got", StringComparison.Ordinal);
        return (cut > 0 ? s.Substring(0, cut) : s).TrimEnd('.');
    }

    private static string Lower(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s.Substring(1);

    /// <summary>The message of one of the module's converters (never the serializer's own .NET text).</summary>
    private static string? OwnMessage(JsonException ex)
    {
        var m = ex.Message;
        if (m.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) || m.StartsWith("JSON deserialization", StringComparison.Ordinal)
            || m.IndexOf("Path:", StringComparison.Ordinal) >= 0 || m.IndexOf("System.", StringComparison.Ordinal) >= 0) return null;
        var cut = m.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? m.Substring(0, cut + 1) : m;
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
        var i = path.StartsWith("$", StringComparison.Ordinal) ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[') end++;
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(path.AsSpan(i + 1, end - i - 1), out element)) return false;
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0 || element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(path.AsSpan(i + 2, end - i - 2), out element)) return false;
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.Substring(i + 1, end - i - 1), out var index)) return false;
                if (element.ValueKind != JsonValueKind.Array || index >= element.GetArrayLength()) return false;
                element = element[index];
                i = end + 1;
            }
            else return false;
        }
        return true;
    }

    internal static string BodyStart(ResponseBody body) => HuaweiCloudClient.BodyStart(body.Prefix(BodyStartBytes));

    /// <summary>What the serializer's type info says about the answer's root: its JSON names and required ones.</summary>
    private sealed class Shape
    {
        private static readonly ConcurrentDictionary<JsonTypeInfo, Shape> Cache = new();

        public bool IsObject { get; private set; }
        public string[] Known { get; private set; } = Array.Empty<string>();
        public string[] Required { get; private set; } = Array.Empty<string>();
        public bool NeedsKnownMember => IsObject && Required.Length == 0 && Known.Length > 0;

        public static Shape Of(JsonTypeInfo type) => Cache.GetOrAdd(type, t =>
        {
            if (t.Kind != JsonTypeInfoKind.Object) return new Shape();
            var props = t.Properties.Where(p => p.Set is not null).ToList(); // [JsonIgnore] members have no setter here
            return new Shape
            {
                IsObject = true,
                Known = props.Select(p => p.Name).ToArray(),
                Required = props.Where(p => p.IsRequired).Select(p => p.Name).ToArray(),
            };
        });
    }
}
