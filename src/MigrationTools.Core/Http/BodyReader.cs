using System.IO.Compression;
using System.Net;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Http;

/// <summary>
/// Reads a response's body once, decompressing it here (not in the handler) so that the limit applies to the
/// inflated bytes: a 600 KB gzip bomb stops at the limit, holding no more than the limit in pooled chunks.
/// </summary>
internal static class BodyReader
{
    private const string NotDecoded = "(not shown: it could not be decoded)";

    public static async Task<ResponseBody> ReadAsync(string operation, HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        var content = response.Content;
        if (content is null) return ResponseBody.Empty;
        var success = response.IsSuccessStatusCode;
        var encodings = content.Headers.ContentEncoding.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0 && e != "identity").ToList();
        if (encodings.Count > 1 || (encodings.Count == 1 && encodings[0] is not ("gzip" or "x-gzip" or "deflate")))
            throw new MalformedResponseException(operation, response.StatusCode, MalformedKind.InvalidEncoding,
                $"it is sent with Content-Encoding '{ShownValue.Of(string.Join(", ", encodings))}', which the module did not ask for and cannot read (it asks for gzip).",
                NotDecoded, RequestIdOf(response));

        // netstandard2.0 has no token on ReadAsStreamAsync; with ResponseHeadersRead it returns once the headers are in.
        var raw = await content.ReadAsStreamAsync().ConfigureAwait(false);
        // The token ends a stalled read at once: the stream's ReadAsync takes it, and disposing the stream is the
        // fallback for a stream that ignores it (.NET Framework). Disposing the whole response instead waits for
        // the handler's drain of the connection (about 2 s on .NET).
        using (raw)
        using (cancellationToken.Register(static s => ((Stream)s!).Dispose(), raw))
        {
            var stream = encodings.Count == 0 ? raw
                : encodings[0] == "deflate" ? await InflateAsync(raw, cancellationToken).ConfigureAwait(false)
                : new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true);
            try
            {
                return await ResponseBody.ReadAsync(stream, success ? limit : ResponseLimits.ErrorBodyBytes, truncate: !success, cancellationToken).ConfigureAwait(false);
            }
            catch (ResponseTooLargeException tooLarge)
            {
                throw new MalformedResponseException(operation, response.StatusCode, MalformedKind.TooLarge,
                    $"it is larger than {ResponseLimits.Describe(limit)}{(encodings.Count > 0 ? " once decompressed (" + encodings[0] + ")" : "")}, the limit; the rest was not read. " +
                    $"If such answers are expected, raise $env:{ResponseLimits.Variable} (e.g. 256MB), or ask for smaller pages with -PageSize.",
                    HuaweiCloudClient.BodyStart(tooLarge.Start), RequestIdOf(response));
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The handler's own words ("The response ended prematurely... (ResponseEnded)") say less than this;
                // still an IOException, so the resilience pipeline retries it like any transport failure.
                var promised = response.Content.Headers.ContentLength is { } length ? $" of the {length} bytes its Content-Length announced" : "";
                throw new ResponseCutOffException($"HTTP {(int)response.StatusCode} answered, but the connection closed before the whole body{promised} came; the service or a proxy cut it off.", ex);
            }
            catch (InvalidDataException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MalformedResponseException(operation, response.StatusCode, MalformedKind.InvalidEncoding,
                    $"it is sent with Content-Encoding: {encodings[0]}, but the body is not {encodings[0]} data (a proxy that decompressed it and kept the header?).",
                    NotDecoded, RequestIdOf(response));
            }
            finally
            {
                if (!ReferenceEquals(stream, raw)) stream.Dispose();
            }
        }
    }

    /// <summary>HTTP's "deflate" is zlib (RFC 1950), which some servers send as raw deflate: both are read.</summary>
    private static async Task<Stream> InflateAsync(Stream raw, CancellationToken cancellationToken)
    {
        var header = new byte[2];
        var got = 0;
        while (got < 2)
        {
            var n = await raw.ReadAsync(header, got, 2 - got, cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            got += n;
        }
        var zlib = got == 2 && (header[0] & 0x0F) == 8 && ((header[0] << 8) | header[1]) % 31 == 0;
        Stream source = zlib ? raw : new PrefixedStream(header, got, raw);
        return new DeflateStream(source, CompressionMode.Decompress, leaveOpen: true);
    }

    private static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Request-Id", out var values) ? values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) : null;


    /// <summary>Gives back the bytes read to sniff the zlib header, then the rest of the stream.</summary>
    private sealed class PrefixedStream : Stream
    {
        private readonly byte[] _prefix;
        private readonly int _length;
        private readonly Stream _rest;
        private int _position;

        public PrefixedStream(byte[] prefix, int length, Stream rest)
        {
            _prefix = prefix;
            _length = length;
            _rest = rest;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position < _length)
            {
                var n = Math.Min(count, _length - _position);
                Array.Copy(_prefix, _position, buffer, offset, n);
                _position += n;
                return n;
            }
            return _rest.Read(buffer, offset, count);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _position < _length ? Task.FromResult(Read(buffer, offset, count)) : _rest.ReadAsync(buffer, offset, count, cancellationToken);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>
/// The read body, as the response's content: the retry pipeline and its log see an ordinary buffered response, and
/// disposing the response gives the pooled chunks back.
/// </summary>
internal sealed class BufferedBodyContent : HttpContent
{
    public BufferedBodyContent(ResponseBody body, HttpContent? original)
    {
        Body = body;
        if (original is null) return;
        foreach (var header in original.Headers)
        {
            // The body is decoded and may be cut (an error body): its encoding and length no longer apply.
            if (header.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    public ResponseBody Body { get; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        Body.CopyTo(stream);
        return Task.CompletedTask;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Body.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Body.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>The connection closed before the whole body came: an IOException, so that it is retried like one.</summary>
internal sealed class ResponseCutOffException : IOException
{
    public ResponseCutOffException(string message, Exception inner) : base(message, inner) { }
}
