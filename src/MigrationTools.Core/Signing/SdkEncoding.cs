using System.Text;

namespace MigrationTools.Core.Signing;

/// <summary>
/// The percent-encoding the Huawei Cloud SDK signer uses for paths and queries: the unreserved
/// characters <c>A-Z a-z 0-9 - _ . ~</c> stay, every other UTF-8 byte becomes <c>%XX</c> (upper case).
/// </summary>
public static class SdkEncoding
{
    private const string Hex = "0123456789ABCDEF";

    public static string Encode(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var needs = false;
        foreach (var c in value)
        {
            if (!IsUnreserved(c)) { needs = true; break; }
        }
        if (!needs) return value;

        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b < 0x80 && IsUnreserved((char)b))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }
        return sb.ToString();
    }

    /// <summary>Decodes <c>%XX</c> sequences as UTF-8. A '+' stays a '+' (paths are not form-encoded).</summary>
    public static string Decode(string value)
    {
        if (value.IndexOf('%') < 0) return value;
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var n = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes[n++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                i += 2;
            }
            else
            {
                n += Encoding.UTF8.GetBytes(value, i, char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1, bytes, n);
                if (char.IsHighSurrogate(c) && i + 1 < value.Length) i++;
            }
        }
        return Encoding.UTF8.GetString(bytes, 0, n);
    }

    private static bool IsUnreserved(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';

    private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
