using System.Globalization;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Signing;
using Polly;
using Polly.Timeout;

namespace MigrationTools.Core.Http;

/// <summary>
/// Sends signed requests and reads their answers: the one place where signing, retries, timeouts, cancellation
/// and error mapping happen. Every API of the module goes through <see cref="SendAsync{T}"/>.
/// </summary>
public sealed class HuaweiCloudClient
{
    // One HttpClient for the process: sockets are pooled and reused across cmdlet calls.
    private static readonly Lazy<HttpClient> SharedHttp = new(CreateSharedHttp);

    private static HttpClient CreateSharedHttp()
    {
        // Windows PowerShell 5.1 may still offer only TLS 1.0/1.1 (it depends on the machine's registry), which
        // Huawei Cloud's endpoints refuse: add TLS 1.2 as AWS Tools for PowerShell does. .NET (PowerShell 7) uses
        // the operating system's defaults and ignores this setting, so it is left alone there.
        if (IsNetFramework) ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        // Redirects are never followed: the handler would resend X-Security-Token, X-Project-Id and X-Sdk-Date to the
        // new host. Decompression is done by the client (BodyReader), so that the size limit counts inflated bytes.
        return new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        })
        { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    private static readonly string UserAgent = "MigrationTools/" + typeof(HuaweiCloudClient).Assembly.GetName().Version?.ToString(3) + " (PowerShell)";

    private const string JsonContentType = "application/json";

    // .NET Framework's handler throws on a GET with a body; .NET (PowerShell 7) sends it.
    private static readonly bool IsNetFramework =
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
    private static readonly bool CanSendContentType = !IsNetFramework;

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly Func<DateTimeOffset> _clock;
    private readonly long _maxResponseBytes;

    public HuaweiCloudClient(ClientContext context, IOperationHost host, HttpClient? httpClient = null, Func<DateTimeOffset>? clock = null)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
        Host = host ?? throw new ArgumentNullException(nameof(host));
        _http = httpClient ?? SharedHttp.Value;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        _pipeline = ResiliencePolicy.Build(context.Retry, host);
        _maxResponseBytes = context.MaxResponseBytes ?? ResponseLimits.FromEnvironment();
    }

    public ClientContext Context { get; }
    public IOperationHost Host { get; }

    /// <summary>Sends and blocks (through the host, which stays responsive) until the typed answer is read.</summary>
    public T Send<T>(ApiRequest request, JsonTypeInfo<T> responseType) =>
        Host.Wait(SendAsync(request, responseType, Host.Cancellation));

    public Task<T> SendAsync<T>(ApiRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken) =>
        Context.Gate is { } gate
            ? gate.RunAsync(() => SendUngatedAsync(request, responseType, cancellationToken), cancellationToken)
            : SendUngatedAsync(request, responseType, cancellationToken);

    private async Task<T> SendUngatedAsync<T>(ApiRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        var endpoint = Context.EndpointOf(request.Service);
        var operation = request.Shown;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePolicy.OperationKey, operation);
        context.Properties.Set(ResiliencePolicy.ThrottledKey, request.OnThrottled);
        HttpResponseMessage response;
        int retries;
        try
        {
            response = await _pipeline.ExecuteAsync(
                static async (ctx, state) => await state.self.SendOnceAsync(state.request, state.endpoint, ctx.CancellationToken).ConfigureAwait(false),
                context,
                (self: this, request, endpoint)).ConfigureAwait(false);
            retries = context.Properties.GetValue(ResiliencePolicy.RetriesKey, 0);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw new HuaweiCloudTransportException(operation, endpoint,
                $"no answer within {Describe(ex.Timeout)} (after {Context.Retry.MaxRetries} retries at most). The service or the network is slow or down; try again, or raise -MaxRetries.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new HuaweiCloudTransportException(operation, endpoint, Innermost(ex) + " Check -Endpoint / -Region and the network.", ex);
        }
        catch (ResponseCutOffException ex)
        {
            throw HuaweiCloudTransportException.CutOff(operation, endpoint, ex.Message, ex);
        }
        catch (IOException ex)
        {
            throw new HuaweiCloudTransportException(operation, endpoint, ex.Message, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            var status = response.StatusCode;
            var body = (response.Content as BufferedBodyContent)?.Body ?? ResponseBody.Empty;
            var requestId = RequestIdOf(response);
            if ((int)status is >= 300 and < 400)
                throw new HuaweiCloudRedirectException(operation, status, endpoint, TargetHostOf(response, endpoint), requestId);
            if (!response.IsSuccessStatusCode)
            {
                var text = body.Text();
                throw ServiceErrorParser.ToException(operation, status, text, requestId ?? ServiceErrorParser.RequestIdFromBody(text), retries, request.NotFoundCodes);
            }
            Host.Log(LogLevel.Debug, $"{operation}: HTTP {(int)status}, {body.Length} bytes, request id {requestId ?? "(none)"}.");
            return AnswerReader.Read(operation, status, body, requestId, responseType, Host);
        }
    }

    private static string? TargetHostOf(HttpResponseMessage response, Uri endpoint)
    {
        var location = response.Headers.Location;
        if (location is null) return null;
        if (!location.IsAbsoluteUri) return endpoint.IsDefaultPort ? endpoint.Host : endpoint.Authority;
        return location.IsDefaultPort ? location.Host : location.Authority;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(ApiRequest request, Uri endpoint, CancellationToken cancellationToken)
    {
        var credentials = await Context.Credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        // A pair the gateway refused is not sent again blindly (SignatureGuard): this may wait for, or fail without sending.
        var admission = await SignatureGuard.AdmitAsync(credentials, Context.Retry.ResendRefusedSignature, cancellationToken).ConfigureAwait(false);
        var verdict = SignatureVerdict.Unknown;
        HuaweiCloudServiceException? refusal = null;
        try
        {
            var response = await SendSignedAsync(request, endpoint, credentials, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var text = ((BufferedBodyContent)response.Content).Body.Text();
                refusal = ServiceErrorParser.ToException(request.Shown, response.StatusCode, text, RequestIdOf(response) ?? ServiceErrorParser.RequestIdFromBody(text));
            }
            verdict = SignatureGuard.Judge(response.StatusCode, refusal);
            return response;
        }
        finally
        {
            admission.Done(verdict, refusal);
        }
    }

    private async Task<HttpResponseMessage> SendSignedAsync(ApiRequest request, Uri endpoint, Credentials.HuaweiCloudCredentials credentials, CancellationToken cancellationToken)
    {
        var input = request.ToSigningInput();
        var host = endpoint.IsDefaultPort ? endpoint.Host : endpoint.Authority;
        // Like the SDKs, send (and sign) Content-Type: application/json, which the DRS page marks mandatory. It rides
        // on an empty body; .NET Framework refuses any body on a GET, so there the request goes without it, which the
        // gateway accepts too (the second signing vector signs a GET without Content-Type).
        var withContentType = CanSendContentType || !string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase);
        var contentType = request.ContentType ?? JsonContentType;
        if (withContentType) input.Headers["Content-Type"] = contentType;
        var signed = RequestSigner.Sign(input, host, credentials, request.SendProjectId ? Context.ProjectId : null, _clock());

        var uri = request.ToUri(endpoint, signed.CanonicalQuery);
        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        foreach (var header in input.Headers)
        {
            if (string.Equals(header.Key, "Host", StringComparison.OrdinalIgnoreCase)) continue; // HttpClient sets it from the URI
            if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)) continue; // a content header, below
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        if (withContentType)
        {
            message.Content = new ByteArrayContent(request.Body ?? Array.Empty<byte>());
            message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        message.Headers.TryAddWithoutValidation("Accept", "application/json");
        message.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip"); // decompressed by BodyReader, under the size limit

        Host.Log(LogLevel.Debug, $"{request.Shown}: {request.Method} {uri.GetLeftPart(UriPartial.Path)}{(signed.CanonicalQuery.Length > 0 ? "?" + signed.CanonicalQuery : "")} as {credentials.MaskedAccessKey} ({credentials.Source}); signed headers {signed.SignedHeaders}.");
        var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        // Read the body inside the attempt, so the per-attempt timeout also covers a server that stalls mid-answer.
        try
        {
            var body = await BodyReader.ReadAsync(request.Shown, response, _maxResponseBytes, cancellationToken).ConfigureAwait(false);
            var buffered = new BufferedBodyContent(body, response.Content);
            response.Content?.Dispose();
            response.Content = buffered;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            response.Dispose();
            throw new OperationCanceledException(cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }
        return response;
    }

    internal static string BodyStart(string body)
    {
        var flat = body.Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ').Trim();
        return flat.Length <= 160 ? flat : flat.Substring(0, 160) + "…";
    }

    // The gateways' X-Request-Id; IAM answers with X-IAM-Trace-Id instead.
    private static readonly string[] RequestIdHeaders = { "X-Request-Id", "X-IAM-Trace-Id" };

    private static string? RequestIdOf(HttpResponseMessage response)
    {
        foreach (var header in RequestIdHeaders)
        {
            if (!response.Headers.TryGetValues(header, out var values)) continue;
            foreach (var v in values) if (!string.IsNullOrWhiteSpace(v)) return v;
        }
        return null;
    }

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex.Message.TrimEnd('.') + ".";
    }

    private static string Describe(TimeSpan t) => t.TotalSeconds >= 1 ? t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s" : t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
