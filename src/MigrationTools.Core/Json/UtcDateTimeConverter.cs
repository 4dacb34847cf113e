using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MigrationTools.Core.Json;

/// <summary>
/// Reads the time formats the services send, as UTC <see cref="DateTime"/>:
/// ISO 8601 with a zone (<c>2021-06-16T06:12:55.508Z</c>, <c>2024-08-19T02:27:15Z</c>, <c>+08:00</c>),
/// a space-separated time without zone (<c>2023-03-13 19:43:32.12</c>, taken as UTC),
/// the compact <c>202404011057</c> (yyyyMMddHHmm) and <c>20240401105733</c>, and epoch milliseconds.
/// null and "" stay null.
/// </summary>
public sealed class UtcDateTimeConverter : JsonConverter<DateTime?>
{
    private static readonly string[] ZonelessFormats =
    {
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.f", "yyyy-MM-dd HH:mm:ss.ff", "yyyy-MM-dd HH:mm:ss.fff",
        "yyyy-MM-dd HH:mm:ss.ffff", "yyyy-MM-dd HH:mm:ss.fffff", "yyyy-MM-dd HH:mm:ss.ffffff",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
        "yyyyMMddHHmm", "yyyyMMddHHmmss", "yyyyMMdd'T'HHmmss'Z'",
    };

    public override bool HandleNull => true;

    public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var epoch) && TryFromEpoch(epoch, out var time)) return time;
                throw AnswerValueException.OutOfRange("a time", reader.TryGetDouble(out var number) ? number : null, "The number is not a time: it is out of the range of epoch seconds or milliseconds.");
            case JsonTokenType.String:
                // The services' usual form, "2021-06-16T06:12:55.508Z", straight from the bytes (no string, no
                // culture-aware parse); anything else, or a zone other than Z, takes the general rules below.
                if (!reader.HasValueSequence && reader.ValueSpan is { Length: > 0 } raw && raw[raw.Length - 1] == (byte)'Z' &&
                    reader.TryGetDateTimeOffset(out var iso))
                    return iso.UtcDateTime;
                var s = reader.GetString();
                if (string.IsNullOrWhiteSpace(s)) return null;
                if (TryParse(s!, out var value)) return value;
                throw AnswerValueException.NotATime(s!);
            default:
                throw AnswerValueException.WrongKind("a time", reader.TokenType);
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
    {
        if (value.HasValue) writer.WriteStringValue(value.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        else writer.WriteNullValue();
    }

    /// <summary>Parses one of the services' time formats; the result has <see cref="DateTimeKind.Utc"/>.</summary>
    public static bool TryParse(string text, out DateTime value)
    {
        var s = text.Trim();
        // Compact digits-only forms first: "202404011057" would otherwise not parse, and 13-digit epoch ms is common.
        if (IsAllDigits(s))
        {
            if (s.Length == 12 || s.Length == 14)
            {
                if (DateTime.TryParseExact(s, s.Length == 12 ? "yyyyMMddHHmm" : "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value))
                {
                    value = DateTime.SpecifyKind(value, DateTimeKind.Utc);
                    return true;
                }
            }
            if (s.Length == 13 && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && TryFromEpoch(ms, out value))
                return true;
            value = default;
            return false;
        }

        if (HasZone(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto))
        {
            value = dto.UtcDateTime;
            return true;
        }

        if (DateTime.TryParseExact(s, ZonelessFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value))
        {
            value = DateTime.SpecifyKind(value, DateTimeKind.Utc);
            return true;
        }
        return false;
    }

    // The range DateTimeOffset.FromUnixTimeMilliseconds accepts (years 0001 to 9999).
    private const long MinEpochMs = -62_135_596_800_000L;
    private const long MaxEpochMs = 253_402_300_799_999L;

    private static bool TryFromEpoch(long number, out DateTime value)
    {
        // Seconds or milliseconds since 1970: anything past year 5138 in seconds is really milliseconds.
        var ms = number > 100_000_000_000L || number < -100_000_000_000L ? number : number * 1000;
        if (ms < MinEpochMs || ms > MaxEpochMs)
        {
            value = default;
            return false;
        }
        value = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        return true;
    }

    private static bool IsAllDigits(string s)
    {
        if (s.Length == 0) return false;
        foreach (var c in s) if (c < '0' || c > '9') return false;
        return true;
    }

    private static bool HasZone(string s)
    {
        if (s.EndsWith("Z", StringComparison.OrdinalIgnoreCase)) return true;
        var t = s.IndexOf('T');
        if (t < 0) t = s.IndexOf(' ');
        if (t < 0) return false;
        var tail = s.Substring(t);
        return tail.IndexOf('+') >= 0 || tail.LastIndexOf('-') > 0;
    }
}
