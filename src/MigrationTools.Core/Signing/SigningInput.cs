namespace MigrationTools.Core.Signing;

/// <summary>What the signer needs of a request: everything that goes into the canonical request.</summary>
public sealed class SigningInput
{
    public string Method { get; set; } = "GET";

    /// <summary>The path as it is sent (segments may already be percent-encoded).</summary>
    public string Path { get; set; } = "/";

    /// <summary>Query pairs, unencoded; repeated keys allowed.</summary>
    public IList<KeyValuePair<string, string>> Query { get; set; } = new List<KeyValuePair<string, string>>();

    /// <summary>The headers to consider for signing (names containing '_' are skipped, as the SDK does).</summary>
    public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public byte[]? Body { get; set; }
}
