using System.Text.Json;
using System.Text.Json.Serialization;

namespace MigrationTools.Core.Json;

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
