using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Paging;
using Xunit;
using Xunit.Abstractions;

namespace MigrationTools.Core.Tests.Hostile;

/// <summary>Run alone: the memory and Stop() figures must not be disturbed by other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCollection
{
    public const string Name = "Hostile server";
}

/// <summary>
/// The client against a server that misbehaves on purpose (see <see cref="HostileServer"/>): every case ends in a
/// clear error or a correct result, never an empty success, an unexpected error, a hang, or a secret elsewhere.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileServerTests(ITestOutputHelper output)
{
    internal const string AccessKey = "HOSTILEAKHOSTILEAK00";
    internal const string SecretKey = "SECRET-sk-5b1f0c2e9a7d4e63b8c1";
    internal const string SecurityToken = "TOKEN-st-8e2d4c6a0b9f1e3d5c7a";

    private readonly List<string> _log = new();

    private HuaweiCloudClient ClientFor(Uri endpoint, long? maxBytes = null, CancellationToken cancellation = default) => new(
        new ClientContext(new FixedSigningCredentials(new HuaweiCloudCredentials(AccessKey, SecretKey, SecurityToken)), "cn-north-4", "0123456789abcdef0123456789abcdef",
            new Dictionary<CloudService, Uri> { [CloudService.Dcs] = endpoint },
            new RetryOptions { MaxRetries = 0, AttemptTimeout = TimeSpan.FromSeconds(20) })
        { MaxResponseBytes = maxBytes },
        new PlainOperationHost(cancellation, (level, line) => { lock (_log) _log.Add(level + ": " + line); }));

    private static List<Models.DcsMigrationTask> List(HuaweiCloudClient client) =>
        DcsApi.ListMigrationTasks(client, null, new PageOptions()).ToList();

    /// <summary>Runs the call, expecting an error of type <typeparamref name="TError"/>; checks it and the log for secrets.</summary>
    private TError Fails<TError>(Action call) where TError : Exception
    {
        var error = Assert.ThrowsAny<Exception>(call);
        NoSecrets(error.ToString());
        lock (_log) foreach (var line in _log) NoSecrets(line);
        output.WriteLine(error.Message);
        return Assert.IsType<TError>(error);
    }

    internal static void NoSecrets(string text)
    {
        Assert.DoesNotContain(SecretKey, text);
        Assert.DoesNotContain(SecurityToken, text);
    }

    // ---- 1. Redirects ----

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public void A_redirect_is_an_error_naming_its_target_and_the_target_never_sees_a_header(int status)
    {
        using var target = new HostileServer(HostileServer.Json("""{"count":1,"migration_tasks":[{"task_id":"stolen"}]}"""));
        // "localhost" is another host name for the same loopback: a handler that followed would resend to it.
        var location = $"http://localhost:{target.BaseUri.Port}/v2/steal?x=1";
        using var server = new HostileServer(HostileServer.Answer(status, Array.Empty<byte>(), ("Location", location), ("X-Request-Id", "req-302")));

        var error = Fails<HuaweiCloudRedirectException>(() => List(ClientFor(server.BaseUri)));
        Assert.Equal("ServiceError.Redirect", error.ErrorId);
        Assert.Equal($"localhost:{target.BaseUri.Port}", error.TargetHost);
        Assert.Contains($"HTTP {status}", error.Message);
        Assert.Contains($"localhost:{target.BaseUri.Port}", error.Message);
        Assert.Contains("DCS ListMigrationTask", error.Message);
        Assert.Contains("req-302", error.Message);

        // The resolved endpoint got the signed request (with the token); the target got nothing at all.
        var sent = Assert.Single(server.Requests);
        Assert.Equal(SecurityToken, sent.Headers["X-Security-Token"]);
        // The call has ended with the redirect error: a request it had followed to the target would be logged there already.
        Assert.Empty(target.Requests);
        foreach (var request in target.Requests)
            foreach (var header in new[] { "X-Security-Token", "X-Project-Id", "X-Sdk-Date", "Authorization" })
                Assert.False(request.Headers.ContainsKey(header), header);
    }

    [Theory]
    [InlineData("/v2/other/migration-tasks")]
    [InlineData("other")]
    public void A_relative_redirect_names_the_endpoint_with_its_port(string location)
    {
        // Relative to the endpoint, which here listens on a port other than the scheme's default: the target is
        // that host and port, not the bare host (another service on the same machine).
        using var server = new HostileServer(HostileServer.Answer(302, Array.Empty<byte>(), ("Location", location)));
        var error = Fails<HuaweiCloudRedirectException>(() => List(ClientFor(server.BaseUri)));
        Assert.Equal($"127.0.0.1:{server.BaseUri.Port}", error.TargetHost);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void A_200_with_only_an_error_code_says_there_is_no_message()
    {
        using var server = new HostileServer(HostileServer.Json("""{"error_code":"DCS.4002"}"""));
        var error = Fails<HuaweiCloudServiceException>(() => List(ClientFor(server.BaseUri)));
        Assert.Equal("ServiceError.DCS.4002", error.ErrorId);
        Assert.Contains("DCS.4002 (no error_msg)", error.Message);
        Assert.DoesNotContain(": .", error.Message);
    }

    [Fact]
    public void A_redirect_of_the_metadata_service_is_not_followed()
    {
        using var target = new HostileServer(HostileServer.Json("""{"credential":{"access":"A","secret":"S","securitytoken":"T"}}"""));
        using var server = new HostileServer(HostileServer.Answer(302, Array.Empty<byte>(), ("Location", target.BaseUri + "openstack/latest/securitykey")));
        var provider = new MetadataSigningCredentials(server.BaseUri, timeout: TimeSpan.FromSeconds(5));
        var error = Assert.Throws<MetadataUnavailableException>(() => provider.GetCredentialsAsync(CancellationToken.None).GetAwaiter().GetResult());
        Assert.Contains("redirect", error.Message);
        Assert.Empty(target.Requests);
    }

    // ---- 2. Bounded bodies ----

    /// <summary>611 KB of gzip that inflates to 600 MB: concatenated gzip members of 10 MB of zeros each.</summary>
    private static readonly Lazy<byte[]> GzipBomb = new(() =>
    {
        using var member = new MemoryStream();
        using (var gz = new GZipStream(member, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 10; i++) gz.Write(zeros);
        }
        var one = member.ToArray();
        using var bomb = new MemoryStream();
        for (var i = 0; i < 60; i++) bomb.Write(one);
        return bomb.ToArray();
    });

    [Fact]
    public void A_gzip_bomb_is_refused_at_the_limit_with_memory_bounded_by_the_limit()
    {
        var bomb = GzipBomb.Value;
        using var server = new HostileServer(HostileServer.Answer(200, bomb, ("Content-Encoding", "gzip"), ("Content-Type", "application/json")));
        const long limit = 8L << 20;
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
        var sw = Stopwatch.StartNew();
        var error = Fails<MalformedResponseException>(() => List(ClientFor(server.BaseUri, maxBytes: limit)));
        sw.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var process = Process.GetCurrentProcess();
        output.WriteLine($"gzip bomb: {bomb.Length / 1024} KB compressed, 600 MB inflated; refused after {sw.ElapsedMilliseconds} ms; " +
                         $"allocated {allocated / (1 << 20)} MiB; peak working set {peakBefore / (1 << 20)} -> {process.PeakWorkingSet64 / (1 << 20)} MiB");

        Assert.Equal("MalformedResponse.TooLarge", error.ErrorId);
        Assert.Contains("8 MiB", error.Message);
        Assert.Contains("decompressed", error.Message);
        Assert.Contains(ResponseLimits.Variable, error.Message);
        // Bounded by the limit, not by the 600 MB the body claims to be.
        Assert.True(allocated < 4 * limit + (16L << 20), $"allocated {allocated} bytes");
    }

    [Fact]
    public void The_default_limit_refuses_an_80_MB_body_while_reading_it()
    {
        // Valid JSON, streamed: the list opens, then 80 MB of white space.
        using var server = new HostileServer(async (_, stream, ct) =>
        {
            const long size = 80L << 20;
            await stream.WriteAsync(HostileServer.Head(200, "OK", size, ("Content-Type", "application/json")), ct);
            var head = Encoding.ASCII.GetBytes("{\"count\":1,\"migration_tasks\":[");
            await stream.WriteAsync(head, ct);
            var spaces = Enumerable.Repeat((byte)' ', 1 << 16).ToArray();
            for (long sent = head.Length; sent < size; sent += spaces.Length)
                await stream.WriteAsync(spaces.AsMemory(0, (int)Math.Min(spaces.Length, size - sent)), ct);
        });
        var error = Fails<MalformedResponseException>(() => List(ClientFor(server.BaseUri)));
        Assert.Equal(MalformedKind.TooLarge, error.Kind);
        Assert.Contains("64 MiB", error.Message);
        Assert.Equal(64L << 20, ResponseLimits.DefaultMaxBytes);
    }

    [Fact]
    public void The_limit_variable_lets_a_larger_answer_through()
    {
        var json = "{\"count\":1,\"migration_tasks\":[{\"task_id\":\"big\",\"description\":\"" + new string('x', 3 << 20) + "\"}]}";
        using var server = new HostileServer(HostileServer.Json(json));
        Assert.Equal(MalformedKind.TooLarge, Fails<MalformedResponseException>(() => List(ClientFor(server.BaseUri, maxBytes: 2 << 20))).Kind);
        var previous = Environment.GetEnvironmentVariable(ResponseLimits.Variable);
        try
        {
            Environment.SetEnvironmentVariable(ResponseLimits.Variable, "4MB");
            Assert.Equal("big", Assert.Single(List(ClientFor(server.BaseUri))).TaskId);
            Environment.SetEnvironmentVariable(ResponseLimits.Variable, "1MB");
            Assert.Equal(MalformedKind.TooLarge, Fails<MalformedResponseException>(() => List(ClientFor(server.BaseUri))).Kind);
            Environment.SetEnvironmentVariable(ResponseLimits.Variable, "lots");
            var bad = Assert.Throws<HuaweiCloudConfigurationException>(() => ClientFor(server.BaseUri));
            Assert.Equal("InvalidMaxResponseBytes", bad.ErrorId);
            Assert.Equal(ResponseLimits.Variable, bad.ParameterName);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ResponseLimits.Variable, previous);
        }
    }

    [Theory]
    [InlineData("104857600", 104857600L)]
    [InlineData("100MB", 104857600L)]
    [InlineData(" 2gb ", 2147483648L)]
    [InlineData("512KB", 524288L)]
    [InlineData("", ResponseLimits.DefaultMaxBytes)]
    public void The_limit_is_read_in_bytes_or_with_a_suffix(string text, long expected) =>
        Assert.Equal(expected, ResponseLimits.Parse(text));

    [Theory]
    [InlineData("-1")]
    [InlineData("100")]
    [InlineData("3GB")]
    [InlineData("1.5MB")]
    [InlineData("64 MiB")]
    public void A_bad_limit_is_a_configuration_error(string text) =>
        Assert.Equal("InvalidMaxResponseBytes", Assert.Throws<HuaweiCloudConfigurationException>(() => ResponseLimits.Parse(text)).ErrorId);

    [Fact]
    public void An_error_body_is_read_only_to_its_start()
    {
        // A 503 whose body never ends: the error comes from its first 64 KiB, at once.
        using var server = new HostileServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync(HostileServer.Head(400, "Bad Request", 100L << 20, ("Content-Type", "application/json")), ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"error_code\":\"DCS.4133\",\"error_msg\":\"no such task\",\"pad\":\""), ct);
            var pad = Enumerable.Repeat((byte)'p', 1 << 16).ToArray();
            for (var i = 0; i < 1600; i++) await stream.WriteAsync(pad, ct);
        });
        var error = Fails<HuaweiCloudServiceException>(() => List(ClientFor(server.BaseUri)));
        Assert.Equal("ServiceError.DCS.4133", error.ErrorId);
    }

    // ---- 3. Ctrl+C with the headers in and the body stalled ----

    [Fact]
    public async Task Cancel_returns_within_a_second_when_the_body_stalls()
    {
        var timings = new List<long>();
        for (var round = 0; round < 3; round++)
        {
            var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var server = new HostileServer(async (_, stream, ct) =>
            {
                await stream.WriteAsync(HostileServer.Head(200, "OK", 100_000, ("Content-Type", "application/json")), ct);
                await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"count\":1,\"migration_tasks\":["), ct);
                await stream.FlushAsync(ct);
                stalled.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct); // stalled until the server's lifetime ends
            });
            using var cts = new CancellationTokenSource();
            var client = ClientFor(server.BaseUri, cancellation: cts.Token);
            var call = Task.Run(() => List(client));
            // Headers and part of the body sent, the rest never: only the cancellation can end the call now.
            Assert.True(await Task.WhenAny(stalled.Task, call, Task.Delay(TimeSpan.FromSeconds(60))) == stalled.Task, "the server never stalled the body");
            Assert.False(call.IsCompleted);

            var sw = Stopwatch.StartNew();
            cts.Cancel();
            // The stall is endless: ending within the bound means the cancellation ended it (the bound is far above
            // the second a user gets, so load cannot fail this; the figures show the second).
            var ended = await Task.WhenAny(call, Task.Delay(CancelBound)) == call;
            sw.Stop();
            Assert.True(ended, "the call did not end on cancellation");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            timings.Add(sw.ElapsedMilliseconds);
        }
        output.WriteLine("cancel with the body stalled: " + string.Join(", ", timings) + " ms");
    }

    /// <summary>How long an endless stall may take to end on cancellation or timeout in these tests (see above).</summary>
    private static readonly TimeSpan CancelBound = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_stalled_body_hits_the_attempt_timeout_as_a_transport_error()
    {
        using var server = new HostileServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync(HostileServer.Head(200, "OK", 100_000, ("Content-Type", "application/json")), ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"count\""), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var client = new HuaweiCloudClient(
            new ClientContext(new FixedSigningCredentials(new HuaweiCloudCredentials(AccessKey, SecretKey, SecurityToken)), "cn-north-4", "p1",
                new Dictionary<CloudService, Uri> { [CloudService.Dcs] = server.BaseUri },
                new RetryOptions { MaxRetries = 0, AttemptTimeout = TimeSpan.FromMilliseconds(300) }),
            new PlainOperationHost());
        var sw = Stopwatch.StartNew();
        var error = Fails<HuaweiCloudTransportException>(() => List(client));
        // The body stalls forever: ending at all means the 300 ms attempt timeout ended it.
        Assert.True(sw.Elapsed < CancelBound, $"{sw.ElapsedMilliseconds} ms");
        output.WriteLine($"a stalled body with a 300 ms attempt timeout failed after {sw.ElapsedMilliseconds} ms");
        Assert.Equal("EndpointUnreachable", error.ErrorId);
    }

    // ---- 4. No empty success ----

    [Fact]
    public void A_200_with_an_error_code_is_that_service_error()
    {
        const string body = """{"error_code":"APIG.0101","error_msg":"The API does not exist or has not been published in the environment.","request_id":"rid-200"}""";
        using var server = new HostileServer(HostileServer.Json(body));
        var client = ClientFor(server.BaseUri);
        foreach (var call in new Action[] { () => List(client), () => DcsApi.GetMigrationTask(client, "t1"), () => DcsApi.GetMigrationStats(client, "t1") })
        {
            var error = Fails<HuaweiCloudServiceException>(call);
            Assert.Equal("ServiceError.APIG.0101", error.ErrorId);
            Assert.Equal(HttpStatusCode.OK, error.StatusCode);
            Assert.Contains("HTTP 200", error.Message);
            Assert.Contains("The API does not exist", error.Message);
            Assert.Contains("{\"error_code\":\"APIG.0101\"", error.Message); // the start of the body
            Assert.Contains("rid-200", error.Message);
            Assert.StartsWith("DCS ", error.Message);
        }
    }

    [Fact]
    public void An_empty_object_is_a_missing_field_not_an_empty_result()
    {
        using var server = new HostileServer(HostileServer.Json("{}"));
        var client = ClientFor(server.BaseUri);
        var list = Fails<MalformedResponseException>(() => List(client));
        Assert.Equal("MalformedResponse.MissingField", list.ErrorId);
        Assert.Equal("$.migration_tasks", list.Field);
        Assert.Contains("'migration_tasks'", list.Message);
        Assert.Contains("DCS ListMigrationTask", list.Message);

        var detail = Fails<MalformedResponseException>(() => DcsApi.GetMigrationTask(client, "t1"));
        Assert.Equal("MalformedResponse.MissingField", detail.ErrorId);
        Assert.Contains("DCS ShowMigrationTask", detail.Message);
        var stats = Fails<MalformedResponseException>(() => DcsApi.GetMigrationStats(client, "t1"));
        Assert.Equal("MalformedResponse.MissingField", stats.ErrorId);
    }

    [Fact]
    public void An_object_with_only_unknown_fields_is_a_missing_field()
    {
        using var server = new HostileServer(HostileServer.Json("""{"something":"else","items":[1,2]}"""));
        var client = ClientFor(server.BaseUri);
        Assert.Equal(MalformedKind.MissingField, Fails<MalformedResponseException>(() => DcsApi.GetMigrationStats(client, "t1")).Kind);
        Assert.Equal(MalformedKind.MissingField, Fails<MalformedResponseException>(() => List(client)).Kind);
    }

    [Fact]
    public void An_empty_list_is_still_an_empty_listing()
    {
        using var server = new HostileServer(HostileServer.Json("""{"count":0,"migration_tasks":[]}"""));
        Assert.Empty(List(ClientFor(server.BaseUri)));
    }

    // ---- 5. Malformed data ----

    [Fact]
    public void Null_records_are_skipped_with_one_warning_per_page()
    {
        using var server = new HostileServer(HostileServer.Json("""{"count":2,"migration_tasks":[null,{"task_id":"a"},null,{"task_id":"b"}]}"""));
        var tasks = List(ClientFor(server.BaseUri));
        Assert.Equal(new[] { "a", "b" }, tasks.Select(t => t.TaskId));
        var warning = Assert.Single(_log, l => l.StartsWith("Warning:", StringComparison.Ordinal));
        Assert.Contains("2 null record(s)", warning);
        Assert.Contains("migration_tasks", warning);
    }

    [Theory]
    [InlineData("99999999999999999999", "created_at")]             // not even a long
    [InlineData("-99999999999999999", "created_at")]               // a long, out of a date's range
    [InlineData("\"9999-99-99T00:00:00Z\"", "created_at")]
    [InlineData("\"yesterday\"", "created_at")]
    [InlineData("\"9999-12-31T23:59:59-08:00\"", "created_at")]   // past DateTime.MaxValue once in UTC
    [InlineData("\"0001-01-01T00:00:00+08:00\"", "created_at")]   // before DateTime.MinValue once in UTC
    [InlineData("1.5e300", "created_at")]
    [InlineData("{\"at\":1}", "created_at")]
    public void A_bad_date_names_the_api_the_field_and_the_value(string value, string field)
    {
        using var server = new HostileServer(HostileServer.Json($$"""{"count":1,"migration_tasks":[{"task_id":"a"},{"task_id":"b","{{field}}":{{value}}}]}"""));
        var error = Fails<MalformedResponseException>(() => List(ClientFor(server.BaseUri)));
        Assert.Equal("MalformedResponse.UnexpectedJson", error.ErrorId);
        Assert.Equal($"$.migration_tasks[1].{field}", error.Field);
        Assert.Contains($"$.migration_tasks[1].{field}", error.Message);
        Assert.Contains(value.StartsWith('{') ? "an object" : value.Length > 60 ? value[..60] : value, error.Message);
        Assert.Contains("DCS ListMigrationTask", error.Message);
        Assert.DoesNotContain("System.", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Theory]
    [InlineData("count", "\"many\"")]
    [InlineData("count", "1e999")]
    [InlineData("count", "1e30")]
    [InlineData("count", "[1]")]
    [InlineData("migration_tasks", "\"none\"")]
    [InlineData("migration_tasks", "{\"task_id\":\"a\"}")]
    public void A_string_or_object_where_a_number_or_list_belongs_is_named(string field, string value)
    {
        using var server = new HostileServer(HostileServer.Json($$"""{"{{field}}":{{value}}{{(field == "count" ? ",\"migration_tasks\":[]" : "")}}}"""));
        var error = Fails<MalformedResponseException>(() => List(ClientFor(server.BaseUri)));
        Assert.Equal(MalformedKind.UnexpectedJson, error.Kind);
        Assert.Equal("$." + field, error.Field);
        Assert.DoesNotContain("System.", error.Message);
    }

    [Theory]
    [InlineData(200, "{\"count\":1,\"migration_tasks\":[{\"task_id\":\"a\xff\xfe\"}]}", "$.migration_tasks[0].task_id")]
    [InlineData(200, "{\"count\":1,\"migration_tasks\":[{\"task_id\":\"a\",\"task_name\":\"\xc3\x28\"}]}", "$.migration_tasks[0].task_name")]
    public void Text_that_is_not_utf8_names_the_field(int status, string latin1, string field)
    {
        // Bytes the JSON parser lets through but no string can hold: a malformed response naming the field, never
        // the .NET transcoding error.
        using var server = new HostileServer(HostileServer.Answer(status, Encoding.Latin1.GetBytes(latin1), ("Content-Type", "application/json")));
        var error = Fails<MalformedResponseException>(() => List(ClientFor(server.BaseUri)));
        Assert.Equal(MalformedKind.UnexpectedJson, error.Kind);
        Assert.Equal(field, error.Field);
        Assert.Contains("not valid UTF-8", error.Message);
        Assert.DoesNotContain("transcode", error.Message);
    }

    [Fact]
    public void A_200_error_whose_message_is_not_utf8_is_still_the_service_error()
    {
        using var server = new HostileServer(HostileServer.Answer(200, Encoding.Latin1.GetBytes("{\"error_code\":\"DCS.4000\",\"error_msg\":\"bad \xff\"}"), ("Content-Type", "application/json")));
        var error = Fails<HuaweiCloudServiceException>(() => List(ClientFor(server.BaseUri)));
        Assert.Equal("DCS.4000", error.ErrorCode);
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_goes_is_said_so()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        using var server = new HostileServer(HostileServer.Json("{\"count\":1,\"migration_tasks\":[{\"task_id\":\"a\",\"description\":" + deep + "}]}"));
        var error = Fails<MalformedResponseException>(() => List(ClientFor(server.BaseUri)));
        Assert.Equal(MalformedKind.InvalidJson, error.Kind);
        Assert.Contains("nested deeper", error.Message);
        Assert.DoesNotContain("cut off", error.Message);
    }

    [Fact]
    public void A_gzip_label_on_a_plain_body_is_an_invalid_encoding()
    {
        using var server = new HostileServer(HostileServer.Json("""{"count":1,"migration_tasks":[{"task_id":"a"}]}""", 200, ("Content-Encoding", "gzip")));
        var error = Fails<MalformedResponseException>(() => List(ClientFor(server.BaseUri)));
        Assert.Equal("MalformedResponse.InvalidEncoding", error.ErrorId);
        Assert.Contains("gzip", error.Message);
    }

    [Fact]
    public void An_encoding_not_asked_for_is_an_invalid_encoding()
    {
        using var server = new HostileServer(HostileServer.Json("""{"count":1,"migration_tasks":[]}""", 200, ("Content-Encoding", "br")));
        var error = Fails<MalformedResponseException>(() => List(ClientFor(server.BaseUri)));
        Assert.Equal(MalformedKind.InvalidEncoding, error.Kind);
        Assert.Contains("'br'", error.Message);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]       // zlib, as RFC 9110 means it
    [InlineData("raw-deflate")]   // what some servers send under "deflate"
    public void Compressed_answers_are_read(string encoding)
    {
        var json = Encoding.UTF8.GetBytes("""{"count":2,"migration_tasks":[{"task_id":"a"},{"task_id":"b"}]}""");
        using var packed = new MemoryStream();
        using (Stream z = encoding switch
        {
            "gzip" => new GZipStream(packed, CompressionLevel.Optimal, true),
            "deflate" => new ZLibStream(packed, CompressionLevel.Optimal, true),
            _ => new DeflateStream(packed, CompressionLevel.Optimal, true),
        }) z.Write(json);
        using var server = new HostileServer(HostileServer.Answer(200, packed.ToArray(), ("Content-Encoding", encoding == "gzip" ? "gzip" : "deflate")));
        var tasks = List(ClientFor(server.BaseUri));
        Assert.Equal(new[] { "a", "b" }, tasks.Select(t => t.TaskId));
        Assert.Equal("gzip", server.Requests.Single().Headers["Accept-Encoding"]);
    }

    [Fact]
    public void A_body_cut_short_by_the_connection_is_invalid_json_or_a_transport_error()
    {
        // Content-Length promises more than comes, then the connection closes.
        using var server = new HostileServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync(HostileServer.Head(200, "OK", 5000, ("Content-Type", "application/json")), ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"count\":1,\"migration_tasks\":[{\"task_id\":\"a\""), ct);
        });
        var error = Assert.ThrowsAny<HuaweiCloudException>(() => List(ClientFor(server.BaseUri)));
        NoSecrets(error.ToString());
        Assert.True(error is HuaweiCloudTransportException or MalformedResponseException { Kind: MalformedKind.InvalidJson }, error.GetType().Name + ": " + error.Message);
        // Said in the module's words: what came and what was announced, never the handler's "(ResponseEnded)".
        if (error is HuaweiCloudTransportException)
        {
            // The endpoint answered: its own ErrorId, and never "could not reach".
            Assert.Equal("ResponseCutOff", error.ErrorId);
            Assert.Contains("was cut off: HTTP 200 answered, but the connection closed before the whole body of the 5000 bytes", error.Message);
            Assert.DoesNotContain("could not reach", error.Message);
            Assert.DoesNotContain("ResponseEnded", error.Message);
        }
    }

    [Fact]
    public void Html_and_empty_bodies_keep_their_error_ids()
    {
        using var html = new HostileServer(HostileServer.Answer(200, Encoding.UTF8.GetBytes("\r\n  <html><body>Proxy login</body></html>")));
        Assert.Equal("MalformedResponse.Html", Fails<MalformedResponseException>(() => List(ClientFor(html.BaseUri))).ErrorId);
        using var empty = new HostileServer(HostileServer.Answer(200, Encoding.UTF8.GetBytes(" \n ")));
        Assert.Equal("MalformedResponse.Empty", Fails<MalformedResponseException>(() => List(ClientFor(empty.BaseUri))).ErrorId);
        using var cut = new HostileServer(HostileServer.Json("{\"count\":1,\"migration_tasks\":[{\"task_id\":"));
        Assert.Equal("MalformedResponse.InvalidJson", Fails<MalformedResponseException>(() => List(ClientFor(cut.BaseUri))).ErrorId);
        using var trailing = new HostileServer(HostileServer.Json("{\"count\":0,\"migration_tasks\":[]} {\"more\":1}"));
        Assert.Equal("MalformedResponse.InvalidJson", Fails<MalformedResponseException>(() => List(ClientFor(trailing.BaseUri))).ErrorId);
        using var bom = new HostileServer(HostileServer.Answer(200, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"count\":1,\"migration_tasks\":[{\"task_id\":\"a\"}]}")]));
        Assert.Equal("a", Assert.Single(List(ClientFor(bom.BaseUri))).TaskId);
    }
}
