using System.Buffers;
using System.Text;

namespace MigrationTools.Core.Http;

/// <summary>
/// A response body read once, into pooled chunks of <see cref="ChunkSize"/> bytes (under the 85,000-byte
/// large-object threshold, so no page lands on the large-object heap), with a cap on its size. The JSON reader
/// reads it in place as a <see cref="ReadOnlySequence{T}"/>: no string, no copy, no second pass.
/// </summary>
internal sealed class ResponseBody : IDisposable
{
    internal const int ChunkSize = 64 * 1024;

    private readonly List<byte[]> _chunks = new();
    private int _lastUsed; // bytes used in the last chunk

    public long Length { get; private set; }

    public static readonly ResponseBody Empty = new();

    /// <summary>
    /// Reads <paramref name="source"/> to its end. Past <paramref name="limit"/> bytes it stops: with
    /// <paramref name="truncate"/> the body is kept cut at the limit (an error body only needs its start), else
    /// <see cref="ResponseTooLargeException"/>. The token also ends a read that is stalled mid-body.
    /// </summary>
    public static async Task<ResponseBody> ReadAsync(Stream source, long limit, bool truncate, CancellationToken cancellationToken)
    {
        var body = new ResponseBody();
        try
        {
            while (true)
            {
                if (body._chunks.Count == 0 || body._lastUsed == ChunkSize)
                {
                    body._chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkSize));
                    body._lastUsed = 0;
                }
                var chunk = body._chunks[body._chunks.Count - 1];
                var room = ChunkSize - body._lastUsed;
                if (limit - body.Length < room) room = (int)(limit - body.Length) + 1; // one byte past the limit tells "too large"
                var read = await source.ReadAsync(chunk, body._lastUsed, room, cancellationToken).ConfigureAwait(false);
                if (read == 0) return body;
                body._lastUsed += read;
                body.Length += read;
                if (body.Length > limit)
                {
                    if (!truncate) throw new ResponseTooLargeException(limit, body.Prefix(1024));
                    body.TrimTo(limit);
                    return body;
                }
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private void TrimTo(long length)
    {
        Length = length;
        var full = (int)(length / ChunkSize);
        var rest = (int)(length % ChunkSize);
        var keep = rest == 0 ? full : full + 1;
        for (var i = _chunks.Count - 1; i >= keep; i--)
        {
            ArrayPool<byte>.Shared.Return(_chunks[i]);
            _chunks.RemoveAt(i);
        }
        _lastUsed = rest == 0 && keep > 0 ? ChunkSize : rest;
    }

    /// <summary>The body as one sequence over its chunks (valid until disposed).</summary>
    public ReadOnlySequence<byte> AsSequence()
    {
        if (Length == 0) return ReadOnlySequence<byte>.Empty;
        if (_chunks.Count == 1) return new ReadOnlySequence<byte>(_chunks[0], 0, _lastUsed);
        Segment? first = null, last = null;
        for (var i = 0; i < _chunks.Count; i++)
        {
            var used = i == _chunks.Count - 1 ? _lastUsed : ChunkSize;
            var memory = new ReadOnlyMemory<byte>(_chunks[i], 0, used);
            if (first is null) first = last = new Segment(memory, 0);
            else last = last!.Append(memory);
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    /// <summary>The first non-white-space byte (after a UTF-8 byte order mark), or -1 when there is none.</summary>
    public int FirstSignificantByte()
    {
        var bomSkipped = 0;
        foreach (var segment in AsSequence())
        {
            foreach (var b in segment.Span)
            {
                if (bomSkipped < 3 && (bomSkipped == 0 ? b == 0xEF : bomSkipped == 1 ? b == 0xBB : b == 0xBF)) { bomSkipped++; continue; }
                bomSkipped = 3;
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n') return b;
            }
        }
        return -1;
    }

    /// <summary>Whether it starts with a UTF-8 byte order mark (the JSON reader does not skip one).</summary>
    public bool HasBom()
    {
        if (Length < 3) return false;
        var c = _chunks[0];
        return c[0] == 0xEF && c[1] == 0xBB && c[2] == 0xBF;
    }

    /// <summary>The first <paramref name="maxBytes"/> bytes as text (UTF-8; a cut character becomes U+FFFD).</summary>
    public string Prefix(int maxBytes)
    {
        if (Length == 0) return string.Empty;
        var n = (int)Math.Min(maxBytes, Length);
        var bytes = new byte[n];
        AsSequence().Slice(0, n).CopyTo(bytes);
        var start = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, start, n - start);
    }

    /// <summary>The whole body as text: only for small error bodies.</summary>
    public string Text() => Prefix((int)Math.Min(int.MaxValue, Length));

    public void CopyTo(Stream destination)
    {
        for (var i = 0; i < _chunks.Count; i++)
            destination.Write(_chunks[i], 0, i == _chunks.Count - 1 ? _lastUsed : ChunkSize);
    }

    public void Dispose()
    {
        if (ReferenceEquals(this, Empty)) return;
        lock (_chunks)
        {
            foreach (var chunk in _chunks) ArrayPool<byte>.Shared.Return(chunk);
            _chunks.Clear();
            _lastUsed = 0;
            Length = 0;
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

/// <summary>The body (after decompression) passed the limit; caught by the client and reported as MalformedResponse.TooLarge.</summary>
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException(long limit, string start) : base("The response is larger than the limit.")
    {
        Limit = limit;
        Start = start;
    }

    public long Limit { get; }
    /// <summary>The first bytes of the answer, as text.</summary>
    public string Start { get; }
}
