using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MigrationTools.Core.Json;

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
