using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

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
