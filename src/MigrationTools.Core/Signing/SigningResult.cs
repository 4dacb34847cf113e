namespace MigrationTools.Core.Signing;

/// <summary>Everything the signer computed, kept for diagnostics and tests. Holds no secret.</summary>
public sealed class SigningResult
{
    internal SigningResult(string canonicalQuery, string canonicalRequest, string stringToSign, string signedHeaders, string signature, string authorization)
    {
        CanonicalQuery = canonicalQuery;
        CanonicalRequest = canonicalRequest;
        StringToSign = stringToSign;
        SignedHeaders = signedHeaders;
        Signature = signature;
        Authorization = authorization;
    }

    /// <summary>The query string to send: exactly the one that was signed.</summary>
    public string CanonicalQuery { get; }
    public string CanonicalRequest { get; }
    public string StringToSign { get; }
    public string SignedHeaders { get; }
    public string Signature { get; }
    public string Authorization { get; }
}
