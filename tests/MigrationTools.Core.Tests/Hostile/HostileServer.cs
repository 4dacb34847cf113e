using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MigrationTools.Core.Tests.Hostile;

/// <summary>One request as the hostile server saw it: its request line (as sent, and split) and headers.</summary>
public sealed record RawRequest(string Line, string Method, string Target, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A loopback HTTP/1.1 server written on raw TCP, so that it can lie the way a broken gateway or an attacker does:
/// redirect elsewhere, announce an encoding it does not use, send a gzip bomb, send the headers and then stall.
/// One request per connection (Connection: close). Bounded: at most <see cref="MaxRequests"/> requests, and it stops
/// by itself after <see cref="Lifetime"/> (a stalled answer is released then, or when the client goes away).
/// </summary>
public sealed class HostileServer : IDisposable
{
    public const int MaxRequests = 200;
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _life = new(Lifetime);
    private readonly Func<RawRequest, Stream, CancellationToken, Task> _respond;
    private readonly Task _loop;
    private int _count;

    /// <param name="respond">Writes the whole answer (status line, headers, body) for one request.</param>
    public HostileServer(Func<RawRequest, Stream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _loop = Task.Run(AcceptLoop);
    }

    public Uri BaseUri { get; }
    public ConcurrentQueue<RawRequest> Requests { get; } = new();

    /// <summary>Set when writing an answer failed: the client went away (it cancelled, or refused the body).</summary>
    public TaskCompletionSource<bool> ClientGone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptLoop()
    {
        while (!_life.IsCancellationRequested && Interlocked.Increment(ref _count) <= MaxRequests)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_life.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                var request = await ReadRequest(stream, _life.Token);
                if (request is null) return;
                Requests.Enqueue(request);
                await _respond(request, stream, _life.Token);
                await stream.FlushAsync(_life.Token);
            }
            catch (Exception)
            {
                // The client went away (cancelled, refused a body) or the lifetime ended.
                ClientGone.TrySetResult(true);
            }
        }
    }

    private static async Task<RawRequest?> ReadRequest(Stream stream, CancellationToken ct)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one, ct) == 0) return null;
            buffer.Add(one[0]);
            var n = buffer.Count;
            if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r' && buffer[n - 1] == '\n') break;
        }
        var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        // A GET may come with an empty body (Content-Length: 0); nothing else is sent by the client.
        if (headers.TryGetValue("Content-Length", out var cl) && int.TryParse(cl, out var length) && length > 0)
        {
            var body = new byte[Math.Min(length, 1 << 20)];
            var read = 0;
            while (read < body.Length) { var r = await stream.ReadAsync(body.AsMemory(read), ct); if (r == 0) break; read += r; }
        }
        return new RawRequest(lines[0], parts[0], parts.Length > 1 ? parts[1] : "", headers);
    }

    // ---- Answer writers ----

    public static byte[] Head(int status, string reason, long? contentLength, params (string Name, string Value)[] headers)
    {
        var sb = new StringBuilder($"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n");
        if (contentLength is { } length) sb.Append($"Content-Length: {length}\r\n");
        foreach (var (name, value) in headers) sb.Append($"{name}: {value}\r\n");
        sb.Append("\r\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>A whole answer with a byte body.</summary>
    public static Func<RawRequest, Stream, CancellationToken, Task> Answer(int status, byte[] body, params (string Name, string Value)[] headers) =>
        async (_, stream, ct) =>
        {
            await stream.WriteAsync(Head(status, "Whatever", body.Length, headers), ct);
            await stream.WriteAsync(body, ct);
        };

    public static Func<RawRequest, Stream, CancellationToken, Task> Json(string json, int status = 200, params (string Name, string Value)[] headers) =>
        Answer(status, Encoding.UTF8.GetBytes(json), headers.Append(("Content-Type", "application/json")).ToArray());

    public void Dispose()
    {
        _life.Cancel();
        _listener.Stop();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        _life.Dispose();
    }
}
