using System.Globalization;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Http;

/// <summary>
/// How large an answer may be once decompressed. 64 MiB is far above any page the APIs send (a DCS page of 1,000
/// tasks is about 1 MB; a DRS page at its 65,535-record maximum about 40 MB), and low enough that a hostile or
/// broken server (a gzip bomb, an endless body) cannot take the process's memory: the body is refused at the limit.
/// </summary>
public static class ResponseLimits
{
    public const string Variable = "MIGRATIONTOOLS_MAX_RESPONSE_BYTES";
    public const long DefaultMaxBytes = 64L * 1024 * 1024;
    public const long MinBytes = 1024;
    /// <summary>The buffer is indexed by int per chunk but sized by long; 2 GiB keeps the error path (a JSON document) possible.</summary>
    public const long MaxBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>An error body (4xx, 5xx, 3xx) is read only this far: its error_code and error_msg are at the start.</summary>
    public const int ErrorBodyBytes = 64 * 1024;

    /// <summary>$env:MIGRATIONTOOLS_MAX_RESPONSE_BYTES (bytes, or with a KB/MB/GB suffix as PowerShell writes 100MB), else 64 MiB.</summary>
    public static long FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    public static long Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return DefaultMaxBytes;
        var s = text!.Trim();
        long unit = 1;
        var upper = s.ToUpperInvariant();
        foreach (var (suffix, factor) in new[] { ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1L) })
        {
            if (upper.EndsWith(suffix, StringComparison.Ordinal))
            {
                unit = factor;
                s = s.Substring(0, s.Length - suffix.Length).Trim();
                break;
            }
        }
        if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > MaxBytes / unit || n * unit < MinBytes)
            throw new HuaweiCloudConfigurationException("InvalidMaxResponseBytes", Variable,
                $"$env:{Variable} is '{ShownValue.Of(text)}'; it must be a size from {MinBytes} bytes to 2GB, in bytes or with KB, MB or GB (e.g. 128MB). The default is 64MB.");
        return n * unit;
    }


    internal static string Describe(long bytes) =>
        bytes % (1L << 20) == 0 ? (bytes >> 20).ToString(CultureInfo.InvariantCulture) + " MiB"
        : bytes % 1024 == 0 ? (bytes >> 10).ToString(CultureInfo.InvariantCulture) + " KiB"
        : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
}
