using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Json;
using MigrationTools.Core.Profiles;

namespace MigrationTools.Core.Credentials;

/// <summary>
/// Temporary keys of an agency of another account: IAM CreateTemporaryAccessKeyByAgency,
/// POST /v3.0/OS-CREDENTIAL/securitytokens with {"auth":{"identity":{"methods":["assume_role"],"assume_role":
/// {"domain_name","agency_name","duration_seconds"}}}}, signed with the source's credentials. The answer's
/// credential.access, secret and securitytoken sign the requests until shortly before credential.expires_at. They are
/// cached for the process per source key pair, agency, duration and IAM endpoint, so every command of a session
/// asks once per lifetime; refreshed when less than <see cref="RefreshMargin"/> remains.
/// </summary>
public sealed class AgencySigningCredentials : ISigningCredentials
{
    public const string Operation = "IAM CreateTemporaryAccessKeyByAgency";
    public const string Path = "/v3.0/OS-CREDENTIAL/securitytokens";

    /// <summary>IAM's lifetime when none is asked for (15 minutes).</summary>
    public const int DefaultDurationSeconds = 900;

    /// <summary>Refreshed when less than this remains: the ECS metadata's margin, room for a long listing and clock skew.</summary>
    public static readonly TimeSpan RefreshMargin = MetadataSigningCredentials.RefreshMargin;

    private static readonly ConcurrentDictionary<string, Cached> Cache = new(StringComparer.Ordinal);

    private readonly ISigningCredentials _source;
    private readonly AgencyRole _role;
    private readonly Uri _iam;
    private readonly RetryOptions _retry;
    private readonly IOperationHost _host;
    private readonly Func<DateTimeOffset> _clock;

    public AgencySigningCredentials(ISigningCredentials source, AgencyRole role, Uri iamEndpoint, RetryOptions retry, IOperationHost host, string label,
        Func<DateTimeOffset>? clock = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _role = role ?? throw new ArgumentNullException(nameof(role));
        _iam = iamEndpoint;
        _retry = retry;
        _host = host;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        Source = label;
    }

    public string Source { get; }

    /// <summary>Forgets every cached temporary key (tests).</summary>
    public static void ClearCache() => Cache.Clear();

    public async Task<HuaweiCloudCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        var source = await _source.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var cached = Cache.GetOrAdd(KeyOf(source), _ => new Cached());
        var current = Volatile.Read(ref cached.Current);
        if (current is not null && !NeedsRefresh(current)) return current;
        await cached.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = cached.Current;
            if (current is not null && !NeedsRefresh(current)) return current;
            try
            {
                var fresh = await AssumeAsync(source, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref cached.Current, fresh);
                return fresh;
            }
            catch (HuaweiCloudException ex) when (current?.ExpiresAt is { } exp && exp > _clock())
            {
                // Still valid, only inside the refresh margin: keep using them; the next request tries again.
                _host.Log(LogLevel.Verbose, $"{Operation} failed ({ex.ErrorId}); the temporary keys of {_role} stay in use until {exp.UtcDateTime:u}.");
                return current;
            }
        }
        finally
        {
            cached.Gate.Release();
        }
    }

    private bool NeedsRefresh(HuaweiCloudCredentials c) => c.ExpiresAt is not { } exp || exp - _clock() < RefreshMargin;

    // The source's pair (hashed: the cache outlives the command) and everything the answer depends on.
    private string KeyOf(HuaweiCloudCredentials source)
    {
        using var sha = SHA256.Create();
        var pair = Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(source.AccessKey + "\n" + source.SecretKey + "\n" + source.SecurityToken)));
        return string.Join("\n", pair, _role.DomainName, _role.AgencyName, _role.DurationSeconds?.ToString(CultureInfo.InvariantCulture) ?? "",
            _iam.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }

    private async Task<HuaweiCloudCredentials> AssumeAsync(HuaweiCloudCredentials source, CancellationToken cancellationToken)
    {
        _host.Log(LogLevel.Verbose, $"Asking IAM at {_iam.GetLeftPart(UriPartial.Authority)} for temporary keys of {_role}, signed with {source.MaskedAccessKey} ({source.Source}).");
        var context = new ClientContext(new FixedSigningCredentials(source), region: null, projectId: null,
            new Dictionary<CloudService, Uri> { [CloudService.Iam] = _iam }, _retry);
        var request = new ApiRequest(CloudService.Iam, Operation, Path)
        {
            Method = "POST",
            SendProjectId = false,
            Body = RequestBody(_role),
            ContentType = "application/json;charset=UTF-8",
        };
        var requestedAt = _clock();
        MetadataSecurityKey answer;
        try
        {
            answer = await new HuaweiCloudClient(context, _host).SendAsync(request, MigrationJsonContext.Default.MetadataSecurityKey, cancellationToken).ConfigureAwait(false);
        }
        catch (MalformedResponseException ex)
        {
            // Not the reader's message: it quotes the start of the answer, which holds the temporary keys.
            throw Unreadable(ex.StatusCode, ex.Kind, $"it is not the expected JSON ({ex.Kind}).", ex.RequestId);
        }
        var c = answer.Credential;
        if (c is null || string.IsNullOrWhiteSpace(c.Access) || string.IsNullOrWhiteSpace(c.Secret) || string.IsNullOrWhiteSpace(c.SecurityToken))
            throw Unreadable(System.Net.HttpStatusCode.Created, MalformedKind.MissingField, "it lacks credential.access, credential.secret or credential.securitytoken.", null);
        // No expiry given: the lifetime asked for, counted from the request.
        var expires = c.ExpiresAt.HasValue
            ? new DateTimeOffset(DateTime.SpecifyKind(c.ExpiresAt.Value, DateTimeKind.Utc))
            : requestedAt + TimeSpan.FromSeconds(_role.DurationSeconds ?? DefaultDurationSeconds);
        var fresh = new HuaweiCloudCredentials(c.Access!, c.Secret!, c.SecurityToken, Source, expires);
        _host.Log(LogLevel.Debug, $"Temporary keys of {_role}: {fresh.MaskedAccessKey}, valid until {expires.UtcDateTime:u}.");
        return fresh;
    }

    private static MalformedResponseException Unreadable(System.Net.HttpStatusCode status, MalformedKind kind, string problem, string? requestId) =>
        new(Operation, status, kind, problem, "(not shown: it holds keys)", requestId);

    /// <summary>{"auth":{"identity":{"methods":["assume_role"],"assume_role":{"domain_name","agency_name"[,"duration_seconds"]}}}}, as the SDKs send it.</summary>
    internal static byte[] RequestBody(AgencyRole role)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("auth");
            json.WriteStartObject("identity");
            json.WriteStartArray("methods");
            json.WriteStringValue("assume_role");
            json.WriteEndArray();
            json.WriteStartObject("assume_role");
            json.WriteString("domain_name", role.DomainName);
            json.WriteString("agency_name", role.AgencyName);
            if (role.DurationSeconds is { } seconds) json.WriteNumber("duration_seconds", seconds);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An entry lives as long as the process (see the class); its gate is never released early.")]
    private sealed class Cached
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public HuaweiCloudCredentials? Current;
    }
}
