using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Http;

/// <summary>
/// Turns the bytes of a 2xx body (read by <see cref="BodyReader"/>) into its typed answer in one pass: the
/// source-generated serializer reads the pooled bytes in place. When that fails, <see cref="AnswerDiagnosis"/> says why.
/// </summary>
internal static class AnswerReader
{
    /// <summary>The largest body copied into one buffer to be read in one pass (4 times the default limit).</summary>
    internal const long LargestCopy = 4 * ResponseLimits.DefaultMaxBytes;

    public static T Read<T>(string operation, HttpStatusCode status, ResponseBody body, string? requestId, JsonTypeInfo<T> type, IOperationHost? host = null)
    {
        var first = body.FirstSignificantByte();
        if (first < 0)
            throw new MalformedResponseException(operation, status, MalformedKind.Empty, "the body is empty.", string.Empty, requestId);
        if (first == '<')
            throw new MalformedResponseException(operation, status, MalformedKind.Html, "it is HTML, not JSON (a proxy or gateway page?).", AnswerDiagnosis.BodyStart(body), requestId);

        var sequence = body.AsSequence();
        if (body.HasBom()) sequence = sequence.Slice(3);
        T? value;
        try
        {
            value = Deserialize(sequence, type);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            throw AnswerDiagnosis.Explain(operation, status, sequence, body, requestId, type, ex);
        }
        if (value is null)
            throw new MalformedResponseException(operation, status, MalformedKind.UnexpectedJson, "the body is JSON null.", AnswerDiagnosis.BodyStart(body), requestId);

        // An object type without required members (a detail, the stats): an answer with none of its fields is not
        // an answer ({} or a gateway's {"error_code",...} with a 200). The check stops at the first known name.
        var shape = AnswerShape.Of(type);
        if (shape.NeedsKnownMember && !HasKnownMember(sequence, shape))
            throw AnswerDiagnosis.Explain(operation, status, sequence, body, requestId, type, null);

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

    internal static bool HasKnownMember(ReadOnlySequence<byte> json, AnswerShape shape)
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
}

/// <summary>What the serializer's type info says about the answer's root: its JSON names and required ones.</summary>
internal sealed class AnswerShape
{
    private static readonly ConcurrentDictionary<JsonTypeInfo, AnswerShape> Cache = new();

    public bool IsObject { get; private set; }
    public string[] Known { get; private set; } = Array.Empty<string>();
    public string[] Required { get; private set; } = Array.Empty<string>();
    public bool NeedsKnownMember => IsObject && Required.Length == 0 && Known.Length > 0;

    public static AnswerShape Of(JsonTypeInfo type) => Cache.GetOrAdd(type, t =>
    {
        if (t.Kind != JsonTypeInfoKind.Object) return new AnswerShape();
        var props = t.Properties.Where(p => p.Set is not null).ToList(); // [JsonIgnore] members have no setter here
        return new AnswerShape
        {
            IsObject = true,
            Known = props.Select(p => p.Name).ToArray(),
            Required = props.Where(p => p.IsRequired).Select(p => p.Name).ToArray(),
        };
    });
}
