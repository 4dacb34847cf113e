using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Http;

/// <summary>What a gateway's answer says about the signature of a key pair.</summary>
internal enum SignatureVerdict
{
    /// <summary>The gateway let the request through (a service answered, even with an error of its own).</summary>
    Accepted,
    /// <summary>401 APIG.0301 with a signature or key message: this pair's signature was refused.</summary>
    Refused,
    /// <summary>The access key is locked ("AK access failed to reach the limit"): no pair of it is let through.</summary>
    Locked,
    /// <summary>Nothing known (no answer, throttled, 5xx, another 401 such as an expired token).</summary>
    Unknown,
}

/// <summary>
/// The module never walks a key into the gateway's lockout (five refused signatures in a row lock the access key for
/// about five minutes, for every program that uses it). For the process, all runspaces, it remembers each key pair
/// (access key, secret key and security token, kept as a hash) the gateway refused or accepted:
/// a pair not yet accepted sends one request at a time (the others wait for its answer); a refused pair may be tried
/// once more by a command (the cause may have been the clock, or a key just created), then requests with it fail
/// here, unsent; completion sends nothing with a refused pair. A changed key is another pair, tried at once.
/// </summary>
internal static class SignatureGuard
{
    /// <summary>Refused signatures of one pair after which commands send nothing more with it.</summary>
    internal const int CommandRefusals = 2;

    private static readonly ConcurrentDictionary<string, Pair> Pairs = new(StringComparer.Ordinal);

    /// <summary>Forgets every pair (tests).</summary>
    internal static void Forget() => Pairs.Clear();

    /// <summary>How many refusals of this pair the process has seen (tests, completion).</summary>
    internal static int RefusalsOf(HuaweiCloudCredentials credentials) =>
        Pairs.TryGetValue(KeyOf(credentials), out var pair) ? pair.Refusals : 0;

    /// <summary>
    /// Lets one attempt with <paramref name="credentials"/> go, or waits for the answer to the one in flight, or
    /// throws <see cref="CredentialsRefusedException"/> (or the key's lock) without sending.
    /// </summary>
    /// <param name="resendRefused">False for completion: a pair refused once is never sent again.</param>
    public static async Task<Admission> AdmitAsync(HuaweiCloudCredentials credentials, bool resendRefused, CancellationToken cancellationToken)
    {
        var pair = Pairs.GetOrAdd(KeyOf(credentials), _ => new Pair());
        while (true)
        {
            Task<SignatureVerdict> probe;
            lock (pair)
            {
                if (pair.Accepted) return new Admission(pair, null);
                if (pair.Refusals >= (resendRefused ? CommandRefusals : 1)) throw Refusal(credentials, pair);
                if (pair.Probe is null)
                {
                    pair.Probe = new TaskCompletionSource<SignatureVerdict>(TaskCreationOptions.RunContinuationsAsynchronously);
                    return new Admission(pair, pair.Probe);
                }
                probe = pair.Probe.Task;
            }
            var verdict = await WhenDone(probe, cancellationToken).ConfigureAwait(false);
            // The attempt this one waited for was just refused: this one would be refused the same way.
            if (verdict == SignatureVerdict.Refused) throw Refusal(credentials, pair);
            if (verdict == SignatureVerdict.Locked && pair.LastAnswer is { } locked) throw locked.Repeat();
        }
    }

    /// <summary>What an answer says about the signature; <paramref name="error"/> is the answer's error, when it is one.</summary>
    public static SignatureVerdict Judge(HttpStatusCode status, HuaweiCloudServiceException? error)
    {
        var code = (int)status;
        if (error is not null && error.IsAccessKeyLocked) return SignatureVerdict.Locked;
        if (code == 401) return IsRefusedSignature(error) ? SignatureVerdict.Refused : SignatureVerdict.Unknown;
        return code is >= 200 and < 500 and not 407 and not 429 and not (>= 300 and < 400) ? SignatureVerdict.Accepted : SignatureVerdict.Unknown;
    }

    // APIG.0301 (APIGW.0301 on some gateways), or IAM's own 401 (code 401 in {"error":{"code","message"}}, as its
    // securitytokens route answers the source keys of an agency), with a message about the signature or the key. An
    // expired token, a project that does not match, a missing auth header are other 401s: not this pair's fault.
    private static readonly string[] RefusalWords = { "signature", "secretkey", "secret key", "ak not exist", "aksk", "decrypt token" };

    private static bool IsRefusedSignature(HuaweiCloudServiceException? error)
    {
        if (error is null) return false;
        if (error.ErrorCode is { } code && !code.EndsWith(".0301", StringComparison.Ordinal) && code != "401") return false;
        var message = error.ErrorMessage ?? string.Empty;
        foreach (var word in RefusalWords)
            if (message.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0) return true;
        return false;
    }

    private static CredentialsRefusedException Refusal(HuaweiCloudCredentials credentials, Pair pair) =>
        new(credentials, pair.Refusals, pair.LastAnswer);

    private static async Task<SignatureVerdict> WhenDone(Task<SignatureVerdict> probe, CancellationToken cancellationToken)
    {
        if (probe.IsCompleted || !cancellationToken.CanBeCanceled) return await probe.ConfigureAwait(false);
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static s => ((TaskCompletionSource<bool>)s!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(probe, cancelled.Task).ConfigureAwait(false) != probe) throw new OperationCanceledException(cancellationToken);
        }
        return await probe.ConfigureAwait(false);
    }

    /// <summary>A hash of the pair: the secret key never stays in memory longer than the credentials that hold it.</summary>
    private static string KeyOf(HuaweiCloudCredentials c)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(c.AccessKey + "\n" + c.SecretKey + "\n" + c.SecurityToken));
        return Convert.ToBase64String(bytes);
    }

    internal sealed class Pair
    {
        public bool Accepted;
        public int Refusals;
        public HuaweiCloudServiceException? LastAnswer;
        public TaskCompletionSource<SignatureVerdict>? Probe;
    }

    /// <summary>One attempt let through: <see cref="Done"/> says what its answer was (once; Unknown when none came).</summary>
    internal sealed class Admission
    {
        private readonly Pair _pair;
        private TaskCompletionSource<SignatureVerdict>? _probe;

        internal Admission(Pair pair, TaskCompletionSource<SignatureVerdict>? probe)
        {
            _pair = pair;
            _probe = probe;
        }

        public void Done(SignatureVerdict verdict, HuaweiCloudServiceException? answer)
        {
            TaskCompletionSource<SignatureVerdict>? probe;
            lock (_pair)
            {
                switch (verdict)
                {
                    case SignatureVerdict.Accepted:
                        _pair.Accepted = true;
                        _pair.Refusals = 0;
                        break;
                    case SignatureVerdict.Refused:
                        _pair.Accepted = false;
                        _pair.Refusals++;
                        _pair.LastAnswer = answer;
                        break;
                    case SignatureVerdict.Locked:
                        _pair.LastAnswer = answer;
                        break;
                }
                probe = _probe;
                _probe = null;
                if (probe is not null && ReferenceEquals(_pair.Probe, probe)) _pair.Probe = null;
            }
            probe?.TrySetResult(verdict);
        }
    }
}
