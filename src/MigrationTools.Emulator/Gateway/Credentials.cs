using System.Collections.Concurrent;

namespace MigrationTools.Emulator.Gateway;

/// <summary>Temporary keys of the account <paramref name="DomainId"/>.</summary>
internal sealed record TemporaryCredential(string AccessKey, string SecretKey, string SecurityToken, DateTimeOffset ExpiresAt, string DomainId);

/// <summary>The AKs the gateway knows: the permanent one (of the main account) and the temporary ones issued by the
/// ECS metadata route (main account) and by IAM securitytokens (the account whose agency was assumed);
/// and the lockout state (five failures in a row lock an AK for five minutes).</summary>
internal sealed class CredentialStore
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, TemporaryCredential> _temporary = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _metadataTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Failures, DateTimeOffset LockedUntil)> _lock = new(StringComparer.Ordinal);
    private readonly Random _rng;
    private readonly object _rngGate = new();

    public string AccessKey { get; }
    public string SecretKey { get; }

    public CredentialStore(string accessKey, string secretKey, int seed)
    {
        AccessKey = accessKey; SecretKey = secretKey; _rng = new Random(unchecked(seed * 31 + 1001));
    }

    public string? SecretOf(string ak, out TemporaryCredential? temporary)
    {
        temporary = null;
        if (ak == AccessKey) return SecretKey;
        if (_temporary.TryGetValue(ak, out var t)) { temporary = t; return t.SecretKey; }
        return null;
    }

    private string Random(string alphabet, int n)
    {
        lock (_rngGate)
        {
            var c = new char[n];
            for (int i = 0; i < n; i++) c[i] = alphabet[_rng.Next(alphabet.Length)];
            return new string(c);
        }
    }

    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base64 = Alnum + "+/";

    public TemporaryCredential Issue(DateTimeOffset now, TimeSpan lifetime, string domainId)
    {
        // Security tokens of the real service are long base64 blobs with '+', '/' and '=': so are these.
        var cred = new TemporaryCredential("EMUTMPAK" + Random(Upper, 12), Random(Alnum, 40),
            "gQpjbi1ub3J0aC00" + Random(Base64, 180) + "==", now + lifetime, domainId);
        _temporary[cred.AccessKey] = cred;
        return cred;
    }

    public string IssueMetadataToken(DateTimeOffset expires)
    {
        var token = Random(Alnum, 56);
        _metadataTokens[token] = expires;
        return token;
    }

    public bool IsMetadataTokenValid(string? token, DateTimeOffset now) =>
        token is not null && _metadataTokens.TryGetValue(token, out var exp) && exp > now;

    public bool IsLocked(string ak, DateTimeOffset now)
    {
        lock (_lock) return _lock.TryGetValue(ak, out var s) && s.LockedUntil > now;
    }

    public void RecordFailure(string ak, DateTimeOffset now)
    {
        lock (_lock)
        {
            _lock.TryGetValue(ak, out var s);
            int failures = s.LockedUntil > now ? s.Failures : (s.LockedUntil != default ? 0 : s.Failures);
            failures++;
            _lock[ak] = failures >= MaxFailures ? (0, now + LockDuration) : (failures, default);
        }
    }

    public void RecordSuccess(string ak)
    {
        lock (_lock) _lock.Remove(ak);
    }
}
