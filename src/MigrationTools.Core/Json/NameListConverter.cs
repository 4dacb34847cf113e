using System.Text.Json;
using System.Text.Json.Serialization;

namespace MigrationTools.Core.Json;

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
