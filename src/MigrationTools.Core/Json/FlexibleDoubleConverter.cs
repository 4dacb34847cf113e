using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MigrationTools.Core.Json;

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
