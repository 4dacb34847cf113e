using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MigrationTools.Core.Json;

// The services' pages and their real answers disagree on types (the DCS stats table says String, its example
// sends numbers; time formats differ per service). These converters accept every form the services send, and
// fail with an AnswerValueException (the facts: what the field holds, the value, the problem), which the client turns
// into a clear "malformed response" error, on anything else.

/// <summary>Reads a count sent as a JSON number or as a numeric string ("531221"); null and "" stay null.</summary>
public sealed class FlexibleInt64Converter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var whole)) return whole;
        if (reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        // A fractional count ("12.0", 3.5) is rounded rather than refused.
        var number = FlexibleDoubleConverter.ReadNumber(ref reader);
        if (!number.HasValue) return null;
        var rounded = Math.Round(number.Value);
        // Beyond ±2^63 a cast would wrap to a wrong count: refuse it instead.
        if (rounded >= 9.2233720368547758E18 || rounded < -9.2233720368547758E18)
            throw AnswerValueException.OutOfRange("a number", number.Value, $"{number.Value.ToString("R", CultureInfo.InvariantCulture)} is out of the range of a whole number.");
        return (long)rounded;
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value.HasValue) writer.WriteNumberValue(value.Value); else writer.WriteNullValue();
    }

}

/// <summary>Reads a number sent as a JSON number or as a numeric string ("99.5", "100%"); null and "" stay null.</summary>
public sealed class FlexibleDoubleConverter : JsonConverter<double?>
{
    public override bool HandleNull => true;

    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadNumber(ref reader);

    /// <summary>The one reader of "a number, or a string holding one" that the numeric converters share.</summary>
    internal static double? ReadNumber(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                if (reader.TryGetDouble(out var n) && !double.IsInfinity(n)) return n;
                throw AnswerValueException.OutOfRange("a number", null, "The number is out of range.");
            case JsonTokenType.String:
                var s = reader.GetString()?.Trim();
                if (string.IsNullOrEmpty(s)) return null;
                // Progress is sometimes sent as "99.5%".
                if (s!.EndsWith("%", StringComparison.Ordinal)) s = s.Substring(0, s.Length - 1).Trim();
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d) && !double.IsNaN(d)) return d;
                throw AnswerValueException.NotANumber(s);
            default:
                throw AnswerValueException.WrongKind("a number", reader.TokenType);
        }
    }

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value.HasValue) writer.WriteNumberValue(value.Value); else writer.WriteNullValue();
    }
}

/// <summary>Reads a boolean sent as true/false or "true"/"false".</summary>
public sealed class FlexibleBooleanConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return null;
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            case JsonTokenType.String:
                var s = reader.GetString();
                if (string.IsNullOrWhiteSpace(s)) return null;
                if (bool.TryParse(s, out var b)) return b;
                throw AnswerValueException.NotTrueOrFalse(s!);
            default:
                throw AnswerValueException.WrongKind("true or false", reader.TokenType);
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value.HasValue) writer.WriteBooleanValue(value.Value); else writer.WriteNullValue();
    }
}

/// <summary>
/// Reads a text field; a number or boolean where the page promises a string is kept as its text, so a field
/// whose type drifts between releases cannot break a listing.
/// </summary>
public sealed class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return null;
            case JsonTokenType.String: return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
            case JsonTokenType.True: return "true";
            case JsonTokenType.False: return "false";
            default:
                throw AnswerValueException.WrongKind("text", reader.TokenType);
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue(); else writer.WriteStringValue(value);
    }

    // Registered for every string, this converter also reads dictionary keys (RocketMQ's topicConfigTable).
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() ?? string.Empty;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);
}

/// <summary>Reads a JSON array into a <see cref="Models.ReadableList{T}"/>; null becomes an empty list, null entries are left out.</summary>
public sealed class ReadableListConverter<T> : JsonConverter<Models.ReadableList<T>>
{
    public override bool HandleNull => true;

    public override Models.ReadableList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return Models.ReadableList<T>.Empty;
        if (reader.TokenType != JsonTokenType.StartArray) throw AnswerValueException.WrongKind("a list", reader.TokenType);
        var element = ElementFor(options);
        var items = new System.Collections.Generic.List<T>();
        for (var index = 0; ; index++)
        {
            if (!reader.Read()) throw AnswerValueException.Unclosed();
            if (reader.TokenType == JsonTokenType.EndArray) break;
            // A null entry carries nothing (a file, a feature): it is left out rather than written as $null.
            if (reader.TokenType == JsonTokenType.Null) continue;
            try
            {
                // A plain value (a feature name) is read by its converter in place: a nested Deserialize per entry
                // scopes a reader and a read state for each one, which cost 40 % of reading a DCS page.
                var item = element.Value is { } value ? value.Read(ref reader, typeof(T), options) : JsonSerializer.Deserialize(ref reader, element.Info);
                if (item is not null) items.Add(item);
            }
            catch (JsonException ex)
            {
                // Where in this list it was, with the entry's facts (the serializer adds the list's own path).
                throw AnswerValueException.InEntry(index, ex);
            }
        }
        return Models.ReadableList<T>.Own(items);
    }

    /// <summary>How this list's entries are read under these options, looked up once (converters live as long as their options).</summary>
    private Element ElementFor(JsonSerializerOptions options)
    {
        var element = _element;
        if (element is null || !ReferenceEquals(element.Options, options))
        {
            var info = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            var value = info.Kind == JsonTypeInfoKind.None ? info.Converter as JsonConverter<T> : null;
            _element = element = new Element(options, info, value);
        }
        return element;
    }

    private Element? _element;

    private sealed class Element
    {
        public Element(JsonSerializerOptions options, JsonTypeInfo<T> info, JsonConverter<T>? value)
        {
            Options = options;
            Info = info;
            Value = value;
        }

        public JsonSerializerOptions Options { get; }
        public JsonTypeInfo<T> Info { get; }
        /// <summary>The converter of a plain value (no properties, no entries), or null for objects and lists.</summary>
        public JsonConverter<T>? Value { get; }
    }

    public override void Write(Utf8JsonWriter writer, Models.ReadableList<T> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value) JsonSerializer.Serialize(writer, item, options.GetTypeInfo(typeof(T)));
        writer.WriteEndArray();
    }
}

/// <summary>
/// Reads names the SDKs model as one string ("db1,db2", as DRS's new_db_names) or that a service sends as a list,
/// into a <see cref="Models.ReadableList{T}"/> of names; blank names are left out.
/// </summary>
public sealed class NameListConverter : JsonConverter<Models.ReadableList<string>>
{
    private static readonly char[] Separators = { ',', ';' };
    private static readonly ReadableListConverter<string> AsList = new();

    public override bool HandleNull => true;

    public override Models.ReadableList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return Models.ReadableList<string>.Empty;
            case JsonTokenType.String:
                var names = new System.Collections.Generic.List<string>();
                foreach (var part in (reader.GetString() ?? string.Empty).Split(Separators))
                    if (part.Trim() is { Length: > 0 } name) names.Add(name);
                return Models.ReadableList<string>.Own(names);
            case JsonTokenType.StartArray:
                return AsList.Read(ref reader, typeToConvert, options);
            default:
                throw AnswerValueException.WrongKind("names as text or a list", reader.TokenType);
        }
    }

    public override void Write(Utf8JsonWriter writer, Models.ReadableList<string> value, JsonSerializerOptions options) =>
        writer.WriteStringValue(string.Join(",", value));
}

/// <summary>Reads a JSON object of names to names (DRS's reset_db_name_map, {"old": "new"}) into a
/// <see cref="Models.ReadableList{T}"/> of renames, in the answer's order; null becomes an empty list.</summary>
public sealed class NameMapConverter : JsonConverter<Models.ReadableList<Models.RdsDbRename>>
{
    public override Models.ReadableList<Models.RdsDbRename> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return Models.ReadableList<Models.RdsDbRename>.Empty;
        if (reader.TokenType != JsonTokenType.StartObject) throw AnswerValueException.WrongKind("an object of names", reader.TokenType);
        var list = new List<Models.RdsDbRename>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var oldName = reader.GetString()!;
            reader.Read();
            var newName = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => throw AnswerValueException.WrongKind("text", reader.TokenType, $"['{oldName.Replace("'", "\\'")}']"),
            };
            list.Add(new Models.RdsDbRename(oldName, newName));
        }
        return Models.ReadableList<Models.RdsDbRename>.Own(list);
    }

    public override void Write(Utf8JsonWriter writer, Models.ReadableList<Models.RdsDbRename> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var rename in value) writer.WriteString(rename.OldName, rename.NewName);
        writer.WriteEndObject();
    }
}
