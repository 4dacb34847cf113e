using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Signing;
using Polly;
using Polly.Retry;
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
        return new HttpClient(new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
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

    public HuaweiCloudClient(ClientContext context, IOperationHost host, HttpClient? httpClient = null, Func<DateTimeOffset>? clock = null)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
        Host = host ?? throw new ArgumentNullException(nameof(host));
        _http = httpClient ?? SharedHttp.Value;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        _pipeline = ResiliencePolicy.Build(context.Retry, host);
    }

    public ClientContext Context { get; }
    public IOperationHost Host { get; }

    /// <summary>Sends and blocks (through the host, which stays responsive) until the typed answer is read.</summary>
    public T Send<T>(ApiRequest request, JsonTypeInfo<T> responseType) =>
        Host.Wait(SendAsync(request, responseType, Host.Cancellation));

    public async Task<T> SendAsync<T>(ApiRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        var endpoint = Context.EndpointOf(request.Service);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePolicy.OperationKey, request.Operation);
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
            throw new HuaweiCloudTransportException(request.Operation, endpoint,
                $"no answer within {Describe(ex.Timeout)} (after {Context.Retry.MaxRetries} retries at most). The service or the network is slow or down; try again, or raise -MaxRetries.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new HuaweiCloudTransportException(request.Operation, endpoint, Innermost(ex) + " Check -Endpoint / -Region and the network.", ex);
        }
        catch (IOException ex)
        {
            throw new HuaweiCloudTransportException(request.Operation, endpoint, ex.Message, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            var body = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var requestId = RequestIdOf(response, body);
            if (!response.IsSuccessStatusCode)
                throw ServiceErrorParser.ToException(request.Operation, response.StatusCode, body, requestId, retries, request.NotFoundCodes);
            Host.Log(LogLevel.Debug, $"{request.Operation}: HTTP {(int)response.StatusCode}, {body.Length} characters, request id {requestId ?? "(none)"}.");
            return Deserialize(request.Operation, response.StatusCode, body, requestId, responseType);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(ApiRequest request, Uri endpoint, CancellationToken cancellationToken)
    {
        var credentials = await Context.Credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var input = request.ToSigningInput();
        var host = endpoint.IsDefaultPort ? endpoint.Host : endpoint.Authority;
        // Like the SDKs, send (and sign) Content-Type: application/json, which the DRS page marks mandatory. It rides
        // on an empty body; .NET Framework refuses any body on a GET, so there the request goes without it, which the
        // gateway accepts too (the second signing vector signs a GET without Content-Type).
        var withContentType = CanSendContentType || !string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase);
        if (withContentType) input.Headers["Content-Type"] = JsonContentType;
        var signed = RequestSigner.Sign(input, host, credentials, request.SendProjectId ? Context.ProjectId : null, _clock());

        var basePath = endpoint.AbsolutePath.TrimEnd('/');
        // Built as text: UriBuilder would escape the '%' of already-encoded segments a second time.
        var uri = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + basePath + request.Path
                          + (signed.CanonicalQuery.Length > 0 ? "?" + signed.CanonicalQuery : string.Empty));
        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        foreach (var header in input.Headers)
        {
            if (string.Equals(header.Key, "Host", StringComparison.OrdinalIgnoreCase)) continue; // HttpClient sets it from the URI
            if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)) continue; // a content header, below
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        if (withContentType)
        {
            message.Content = new ByteArrayContent(Array.Empty<byte>());
            message.Content.Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
        }
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        message.Headers.TryAddWithoutValidation("Accept", "application/json");

        Host.Log(LogLevel.Debug, $"{request.Operation}: {request.Method} {uri.GetLeftPart(UriPartial.Path)}{(signed.CanonicalQuery.Length > 0 ? "?" + signed.CanonicalQuery : "")} as {credentials.MaskedAccessKey} ({credentials.Source}); signed headers {signed.SignedHeaders}.");
        var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        // Read the body inside the attempt, so the per-attempt timeout also covers a server that stalls mid-answer.
        // LoadIntoBufferAsync takes no token on netstandard2.0: disposing the response is what aborts the read.
        try
        {
            using (cancellationToken.Register(static r => ((HttpResponseMessage)r!).Dispose(), response))
                await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
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

    private static T Deserialize<T>(string operation, HttpStatusCode status, string body, string? requestId, JsonTypeInfo<T> type)
    {
        // Checked in order of what a person can act on: nothing at all, a proxy's page, JSON cut short, then JSON of
        // the wrong shape. Each names the API, the status and the start of the body (never the raw JsonException alone).
        if (string.IsNullOrWhiteSpace(body))
            throw new MalformedResponseException(operation, status, MalformedKind.Empty, "the body is empty.", string.Empty, requestId);
        if (body.TrimStart().StartsWith("<", StringComparison.Ordinal))
            throw new MalformedResponseException(operation, status, MalformedKind.Html, "it is HTML, not JSON (a proxy or gateway page?).", BodyStart(body), requestId);
        try
        {
            using var _ = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            var at = ex.BytePositionInLine is { } pos ? $" (near character {pos + 1} of {body.Length})" : "";
            throw new MalformedResponseException(operation, status, MalformedKind.InvalidJson,
                $"it is not complete, valid JSON{at}; the answer may have been cut off.", BodyStart(body), requestId, ex);
        }
        try
        {
            var value = JsonSerializer.Deserialize(body, type);
            if (value is null)
                throw new MalformedResponseException(operation, status, MalformedKind.UnexpectedJson, "the body is JSON null.", BodyStart(body), requestId);
            return value;
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at {ex.Path}";
            throw new MalformedResponseException(operation, status, MalformedKind.UnexpectedJson,
                $"the JSON is not as the API describes it{where}: {FirstSentence(ex.Message)}", BodyStart(body), requestId, ex);
        }
    }

    internal static string BodyStart(string body)
    {
        var flat = body.Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ').Trim();
        return flat.Length <= 160 ? flat : flat.Substring(0, 160) + "…";
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message.Substring(0, cut + 1) : message;
    }

    private static string? RequestIdOf(HttpResponseMessage response, string body)
    {
        if (response.Headers.TryGetValues("X-Request-Id", out var values))
        {
            foreach (var v in values) if (!string.IsNullOrWhiteSpace(v)) return v;
        }
        return ServiceErrorParser.RequestIdFromBody(body);
    }

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex.Message.TrimEnd('.') + ".";
    }

    private static string Describe(TimeSpan t) => t.TotalSeconds >= 1 ? t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s" : t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
