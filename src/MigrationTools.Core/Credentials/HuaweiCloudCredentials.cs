namespace MigrationTools.Core.Credentials;

/// <summary>
/// An AK/SK pair, with the security token of temporary credentials. <see cref="ToString"/> masks the access key
/// and never shows the secret key or the token, so an accidental log line leaks nothing.
/// </summary>
public sealed class HuaweiCloudCredentials
{
    public HuaweiCloudCredentials(string accessKey, string secretKey, string? securityToken = null, string? source = null, DateTimeOffset? expiresAt = null)
    {
        if (string.IsNullOrWhiteSpace(accessKey)) throw new ArgumentException("The access key is empty.", nameof(accessKey));
        if (string.IsNullOrWhiteSpace(secretKey)) throw new ArgumentException("The secret key is empty.", nameof(secretKey));
        AccessKey = accessKey.Trim();
        SecretKey = secretKey.Trim();
        SecurityToken = string.IsNullOrWhiteSpace(securityToken) ? null : securityToken!.Trim();
        Source = source ?? "unknown";
        ExpiresAt = expiresAt;
    }

    public string AccessKey { get; }
    public string SecretKey { get; }
    public string? SecurityToken { get; }

    /// <summary>Where the credentials came from, for -Debug output (never the values).</summary>
    public string Source { get; }

    /// <summary>When temporary credentials expire; null for permanent ones.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>The access key with all but its first and last four characters masked.</summary>
    public string MaskedAccessKey => Mask(AccessKey);

    public static string Mask(string? accessKey)
    {
        if (string.IsNullOrEmpty(accessKey)) return string.Empty;
        if (accessKey!.Length <= 8) return new string('*', accessKey.Length);
        return accessKey.Substring(0, 4) + new string('*', accessKey.Length - 8) + accessKey.Substring(accessKey.Length - 4);
    }

    public override string ToString() => $"{MaskedAccessKey} ({Source})";
}
