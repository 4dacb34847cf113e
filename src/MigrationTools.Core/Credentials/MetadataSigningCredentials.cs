using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Credentials;

/// <summary>
/// Temporary credentials of the ECS instance's agency, from the metadata service (as the SDKs do it):
/// PUT {base}/meta-data/latest/api/token (X-Metadata-Token-Ttl-Seconds: 21600; 404/405 = no token needed), then
/// GET {base}/openstack/latest/securitykey with X-Metadata-Token. One provider per base address for the process:
/// the credentials are cached and refreshed when less than <see cref="RefreshMargin"/> remains; a metadata
/// service that did not answer is remembered, so later cmdlets do not wait for it again.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One provider per base address lives as long as the process (see above); its gate is never released early.")]
public sealed class MetadataSigningCredentials : ISigningCredentials
{
    public const string EndpointVariable = "MIGRATIONTOOLS_METADATA_ENDPOINT";
    public const string TimeoutVariable = "MIGRATIONTOOLS_METADATA_TIMEOUT";

    /// <summary>The longest $env:MIGRATIONTOOLS_METADATA_TIMEOUT, in seconds (a fetch is two small requests).</summary>
    public const int MaxTimeoutSeconds = 300;
    public const string DefaultEndpoint = "http://169.254.169.254";
    public const string TokenPath = "/meta-data/latest/api/token";
    public const string SecurityKeyPath = "/openstack/latest/securitykey";
    private const string AgencyMissing = "Please configure Cloud Service Agency first";

    /// <summary>Refresh when less than this remains (the SDKs use 60 s; 5 minutes leaves room for a long paged listing and clock skew).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    /// <summary>How long one fetch (token and key together) may take: short, so a laptop never hangs on 169.254.169.254.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The metadata token is asked for with this lifetime (6 h) and renewed ten minutes before it ends.</summary>
    private static readonly TimeSpan TokenTtl = TimeSpan.FromSeconds(21600);

    private static readonly ConcurrentDictionary<string, MetadataSigningCredentials> Shared = new(StringComparer.OrdinalIgnoreCase);

    // No proxy: the link-local metadata address must never be sent to an HTTP proxy. No redirects: the metadata
    // token must not travel to another host.
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient(new HttpClientHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
    { Timeout = System.Threading.Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = 1 << 20 }); // a key is a few KB

    private readonly HttpClient _http;
    private readonly string _base;
    private readonly Func<DateTimeOffset> _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HuaweiCloudCredentials? _current;
    private string? _token;
    private DateTimeOffset _tokenExpires;
    private bool _tokenless;
    private int _fetches;

    public MetadataSigningCredentials(Uri baseAddress, HttpClient? httpClient = null, Func<DateTimeOffset>? clock = null, TimeSpan? timeout = null)
    {
        _base = baseAddress.GetLeftPart(UriPartial.Authority) + baseAddress.AbsolutePath.TrimEnd('/');
        BaseAddress = new Uri(_base);
        _http = httpClient ?? SharedHttp.Value;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        Timeout = timeout ?? DefaultTimeout;
    }

    /// <summary>The process-wide provider of that metadata address and timeout (its cache and its remembered failure).</summary>
    public static MetadataSigningCredentials For(Uri baseAddress, TimeSpan? timeout = null)
    {
        var wait = timeout ?? DefaultTimeout;
        var key = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/') + " " + wait.Ticks.ToString(CultureInfo.InvariantCulture);
        return Shared.GetOrAdd(key, _ => new MetadataSigningCredentials(baseAddress, timeout: wait));
    }

    /// <summary>
    /// $env:MIGRATIONTOOLS_METADATA_TIMEOUT (seconds, 1 to 300; a slow or loaded host, as AWS_METADATA_SERVICE_TIMEOUT
    /// is for AWS), else <see cref="DefaultTimeout"/>.
    /// </summary>
    public static TimeSpan TimeoutFrom(IEnvironment environment)
    {
        var text = environment.Get(TimeoutVariable)?.Trim();
        if (text is null || text.Length == 0) return DefaultTimeout;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds >= 1 && seconds <= MaxTimeoutSeconds))
            throw new HuaweiCloudConfigurationException("InvalidMetadataTimeout", TimeoutVariable,
                $"$env:{TimeoutVariable} is '{ShownValue.Of(text)}'; it must be a number of seconds from 1 to {MaxTimeoutSeconds}, such as 2.");
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>$env:MIGRATIONTOOLS_METADATA_ENDPOINT, else http://169.254.169.254; null when the variable says "off".</summary>
    public static Uri? EndpointFrom(IEnvironment environment)
    {
        var text = environment.Get(EndpointVariable)?.Trim();
        if (text is null) return new Uri(DefaultEndpoint);
        if (text.Equals("off", StringComparison.OrdinalIgnoreCase) || text.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        // Shown without any user info (EndpointResolver.Redact), which is refused like every endpoint's.
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.UserInfo) || Connection.EndpointResolver.Redact(text) != text)
            throw new HuaweiCloudConfigurationException("InvalidMetadataEndpoint", EndpointVariable,
                $"$env:{EndpointVariable} is '{Connection.EndpointResolver.Redact(text)}'; it must be an http(s) address without user info, such as {DefaultEndpoint}, or 'off'.");
        return uri;
    }

    public Uri BaseAddress { get; }
    public TimeSpan Timeout { get; }
    public string Source => "ECS instance metadata";

    /// <summary>Why the last fetch failed (no values), or null.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>How many times credentials were fetched (for tests and -Debug).</summary>
    public int FetchCount => Volatile.Read(ref _fetches);

    public async Task<HuaweiCloudCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && !NeedsRefresh(current)) return current;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is not null && !NeedsRefresh(current)) return current;
            try
            {
                var fresh = await FetchAsync(cancellationToken).ConfigureAwait(false);
                LastFailure = null;
                Volatile.Write(ref _current, fresh);
                return fresh;
            }
            catch (MetadataUnavailableException ex)
            {
                LastFailure = ex.Reason;
                // Still valid, only inside the refresh margin: keep using them; the next request tries again.
                if (current?.ExpiresAt is { } exp && exp > _clock()) return current;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// For the chain: true when credentials are available now. A failure is remembered for the process: later
    /// calls answer false at once instead of waiting for the timeout again.
    /// </summary>
    public bool TryInitialize(CancellationToken cancellation = default)
    {
        if (Volatile.Read(ref _current) is not null) return true;
        if (LastFailure is not null) return false;
        try
        {
            // Cancelled (Ctrl+C): OperationCanceledException, and nothing remembered: the next command asks again.
            GetCredentialsAsync(cancellation).GetAwaiter().GetResult();
            return true;
        }
        catch (MetadataUnavailableException)
        {
            return false;
        }
    }

    private bool NeedsRefresh(HuaweiCloudCredentials c) => c.ExpiresAt is not { } exp || exp - _clock() < RefreshMargin;

    private async Task<HuaweiCloudCredentials> FetchAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(Timeout);
        try
        {
            var (status, body) = await GetSecurityKeyAsync(cts.Token).ConfigureAwait(false);
            if (status == HttpStatusCode.Unauthorized && !body.Contains(AgencyMissing) && _token is not null)
            {
                _token = null; // the token was revoked or the service restarted: once more with a new one
                (status, body) = await GetSecurityKeyAsync(cts.Token).ConfigureAwait(false);
            }
            if (body.Contains(AgencyMissing))
                throw new MetadataUnavailableException("the ECS instance has no agency (\"" + AgencyMissing + "\" in the ECS console)");
            if ((int)status is >= 300 and < 400) throw new MetadataUnavailableException($"{SecurityKeyPath} answered HTTP {(int)status}, a redirect (not followed)");
            if ((int)status >= 400) throw new MetadataUnavailableException($"{SecurityKeyPath} answered HTTP {(int)status}");
            return Parse(body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MetadataUnavailableException($"no answer from {BaseAddress.GetLeftPart(UriPartial.Authority)} within {Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException ex)
        {
            throw new MetadataUnavailableException($"{BaseAddress.GetLeftPart(UriPartial.Authority)} could not be reached ({Innermost(ex)})");
        }
    }

    private async Task<(HttpStatusCode, string)> GetSecurityKeyAsync(CancellationToken ct)
    {
        await EnsureTokenAsync(ct).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, _base + SecurityKeyPath);
        if (_token is not null) request.Headers.TryAddWithoutValidation("X-Metadata-Token", _token);
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return (response.StatusCode, body);
    }

    private async Task EnsureTokenAsync(CancellationToken ct)
    {
        if (_tokenless || (_token is not null && _tokenExpires - _clock() > TimeSpan.FromMinutes(10))) return;
        using var request = new HttpRequestMessage(HttpMethod.Put, _base + TokenPath);
        request.Headers.TryAddWithoutValidation("X-Metadata-Token-Ttl-Seconds", ((int)TokenTtl.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        var requestedAt = _clock();
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            _tokenless = true; // an older metadata service: securitykey without a token (as the SDKs do)
            _token = null;
            return;
        }
        if (!response.IsSuccessStatusCode)
            throw new MetadataUnavailableException($"{TokenPath} answered HTTP {(int)response.StatusCode}{((int)response.StatusCode is >= 300 and < 400 ? ", a redirect (not followed)" : "")}");
        var token = (await response.Content.ReadAsStringAsync().ConfigureAwait(false)).Trim();
        if (token.Length == 0) throw new MetadataUnavailableException($"{TokenPath} answered an empty token");
        _token = token;
        _tokenExpires = requestedAt + TokenTtl;
    }

    private HuaweiCloudCredentials Parse(string body)
    {
        MetadataCredential? c;
        try
        {
            c = JsonSerializer.Deserialize(body, MigrationJsonContext.Default.MetadataSecurityKey)?.Credential;
        }
        catch (JsonException)
        {
            // Not the parser's message: it could quote the secret.
            throw new MetadataUnavailableException($"{SecurityKeyPath} answered something that is not the expected JSON");
        }
        if (c is null || string.IsNullOrWhiteSpace(c.Access) || string.IsNullOrWhiteSpace(c.Secret))
            throw new MetadataUnavailableException($"{SecurityKeyPath} answered without credential.access or credential.secret");
        // No expiry given: treat as short-lived, so they are fetched again within minutes.
        var expires = c.ExpiresAt.HasValue ? new DateTimeOffset(DateTime.SpecifyKind(c.ExpiresAt.Value, DateTimeKind.Utc)) : _clock() + RefreshMargin + TimeSpan.FromMinutes(5);
        return new HuaweiCloudCredentials(c.Access!, c.Secret!, c.SecurityToken, Source, expires);
    }

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex.Message.TrimEnd('.');
    }
}
