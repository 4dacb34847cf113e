using System.IO.Compression;
using System.Management.Automation;
using System.Text;
using MigrationTools.Core.Tests.Hostile;
using Xunit;
using Xunit.Abstractions;

namespace MigrationTools.Module.Tests;

/// <summary>
/// The cmdlets in a real PowerShell runspace against the raw-TCP hostile server: what a user sees for a redirect,
/// a gzip bomb, a gateway's error inside a 200, null records, and Stop() while the body stalls.
/// </summary>
public sealed class HostileAnswerTests(ITestOutputHelper output)
{
    private const string SecretKey = "SECRET-sk-module-7c1e9b3a5d";
    private const string ProjectId = "0123456789abcdef0123456789abcdef";

    private static ModuleSession SessionAt(HostileServer server)
    {
        var s = new ModuleSession();
        s.Run("$PSDefaultParameterValues['Get-*:Endpoint'] = $args[0]; $PSDefaultParameterValues['Get-*:Region'] = 'cn-north-4'; " +
              "$PSDefaultParameterValues['Get-*:ProjectId'] = $args[1]; $PSDefaultParameterValues['Get-*:AccessKey'] = 'HOSTILEAKMODULE00000'; " +
              "$PSDefaultParameterValues['Get-*:SecretKey'] = $args[2]; $PSDefaultParameterValues['Get-*:MaxRetries'] = 0",
            server.BaseUri.ToString().TrimEnd('/'), ProjectId, SecretKey).ThrowIfFailed();
        return s;
    }

    private static ErrorRecord ErrorOf(ModuleSession s, string script)
    {
        var r = s.Run(script + " -Debug -Verbose", ps => ps.AddParameter("ErrorAction", "Continue"));
        Secrets.AssertAbsent(r, SecretKey);
        Assert.DoesNotContain(r.Output, o => o?.BaseObject is not ErrorRecord);
        return r.SingleError();
    }

    [Fact]
    public void A_redirect_is_a_connection_error_and_the_target_gets_nothing()
    {
        using var target = new HostileServer(HostileServer.Json("""{"count":1,"migration_tasks":[{"task_id":"stolen"}]}"""));
        using var server = new HostileServer(HostileServer.Answer(302, Array.Empty<byte>(), ("Location", $"http://localhost:{target.BaseUri.Port}/x")));
        using var s = SessionAt(server);
        var error = ErrorOf(s, "Get-DcsMigrationTask");
        Assert.StartsWith("ServiceError.Redirect,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains($"localhost:{target.BaseUri.Port}", error.Exception.Message);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public void A_gzip_bomb_is_refused_as_limits_exceeded()
    {
        using var member = new MemoryStream();
        using (var gz = new GZipStream(member, CompressionLevel.SmallestSize, leaveOpen: true)) gz.Write(new byte[8 << 20]);
        var one = member.ToArray();
        var bomb = Enumerable.Range(0, 20).SelectMany(_ => one).ToArray(); // 160 MB inflated
        using var server = new HostileServer(HostileServer.Answer(200, bomb, ("Content-Encoding", "gzip")));
        using var s = SessionAt(server);
        var error = ErrorOf(s, "Get-DcsMigrationTask");
        Assert.StartsWith("MalformedResponse.TooLarge,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("MIGRATIONTOOLS_MAX_RESPONSE_BYTES", error.Exception.Message);
    }

    [Fact]
    public void A_gateway_error_inside_a_200_is_that_service_error()
    {
        using var server = new HostileServer(HostileServer.Json("""{"error_code":"APIG.0101","error_msg":"The API does not exist.","request_id":"rid-1"}"""));
        using var s = SessionAt(server);
        var error = ErrorOf(s, "Get-DcsMigrationTask");
        Assert.StartsWith("ServiceError.APIG.0101,", error.FullyQualifiedErrorId);
        Assert.Contains("HTTP 200", error.Exception.Message);
        Assert.Contains("rid-1", error.Exception.Message);
    }

    [Fact]
    public void An_empty_object_is_a_missing_field()
    {
        using var server = new HostileServer(HostileServer.Json("{}"));
        using var s = SessionAt(server);
        var error = ErrorOf(s, "Get-DcsMigrationStats -TaskId t1");
        Assert.StartsWith("MalformedResponse.MissingField,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
    }

    [Fact]
    public void A_bad_date_names_the_field_and_is_not_unexpected()
    {
        using var server = new HostileServer(HostileServer.Json("""{"count":1,"migration_tasks":[{"task_id":"a","created_at":99999999999999999}]}"""));
        using var s = SessionAt(server);
        var error = ErrorOf(s, "Get-DcsMigrationTask");
        Assert.StartsWith("MalformedResponse.UnexpectedJson,", error.FullyQualifiedErrorId);
        Assert.Contains("$.migration_tasks[0].created_at", error.Exception.Message);
        Assert.Contains("99999999999999999", error.Exception.Message);
    }

    [Fact]
    public void A_gzip_compressed_error_answer_is_decoded_and_read_as_the_service_error()
    {
        // The module asks for gzip, and gateways compress error answers too: undecoded, DCS.4133 would be an
        // unreadable Http400 and a missing task no longer ObjectNotFound.
        using var packed = new MemoryStream();
        using (var gz = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
            gz.Write(Encoding.UTF8.GetBytes("""{"error_code":"DCS.4133","error_msg":"Instance job is not found.","request_id":"rid-gz"}"""));
        using var server = new HostileServer(HostileServer.Answer(400, packed.ToArray(), ("Content-Encoding", "gzip"), ("Content-Type", "application/json")));
        using var s = SessionAt(server);
        var error = ErrorOf(s, "Get-DcsMigrationTask -TaskId no-such-task");
        Assert.StartsWith("ServiceError.DCS.4133,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("Instance job is not found", error.Exception.Message);
        Assert.Contains("rid-gz", error.Exception.Message);
        Assert.Contains("'no-such-task'", error.Exception.Message);
        Assert.Equal("gzip", server.Requests.Single().Headers["Accept-Encoding"]);
    }

    [Theory]
    [InlineData(403, "Get-DcsMigrationTask -TaskId t-403", "ServiceError.DCS.4033,")]
    [InlineData(200, "Get-DcsMigrationStats -TaskId t-200", "MalformedResponse.MissingField,")]
    [InlineData(200, "Get-RdsBackupMigrationJob -JobId j-200", "MalformedResponse.MissingField,")]
    [InlineData(403, "Get-RocketMqMigrationTask -InstanceId i-403 -TaskId t-403", "ServiceError.DCS.4033,")]
    public void Every_error_about_one_id_names_it(int status, string script, string errorId)
    {
        var body = status == 200 ? "{}" : """{"error_code":"DCS.4033","error_msg":"Permission denied.","request_id":"rid-403"}""";
        using var server = new HostileServer(HostileServer.Json(body, status));
        using var s = SessionAt(server);
        var error = ErrorOf(s, script);
        Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
        foreach (var id in script.Split(' ').Where(w => w.Length > 2 && w[1] == '-' && char.IsDigit(w[^1])))
            Assert.Contains($"'{id}'", error.Exception.Message);
    }

    [Fact]
    public void An_id_whose_request_gets_no_answer_is_named()
    {
        using var server = new HostileServer(HostileServer.Json("{}"));
        using var s = SessionAt(server);
        var error = s.Run("Get-DcsMigrationTask -TaskId t-gone -Endpoint http://127.0.0.1:1").SingleError();
        Assert.StartsWith("EndpointUnreachable,", error.FullyQualifiedErrorId);
        Assert.Contains("'t-gone'", error.Exception.Message);
    }

    [Fact]
    public void Null_records_are_skipped_with_a_warning()
    {
        using var server = new HostileServer(HostileServer.Json("""{"count":2,"migration_tasks":[null,{"task_id":"a"},{"task_id":"b"}]}"""));
        using var s = SessionAt(server);
        var r = s.Run("Get-DcsMigrationTask").ThrowIfFailed();
        Assert.Equal(new[] { "a", "b" }, r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        Assert.Contains(r.Warnings, w => w.Contains("1 null record(s)"));
    }

    [Fact]
    public void Stop_returns_within_a_second_when_the_body_stalls()
    {
        var timings = new List<long>();
        // Every request gets the headers and then a stalled body; one session, three Stops.
        using var server = new HostileServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync(HostileServer.Head(200, "OK", 100_000, ("Content-Type", "application/json")), ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"count\":1,\"migration_tasks\":["), ct);
            await stream.FlushAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var s = SessionAt(server);
        for (var round = 0; round < 3; round++)
        {
            var requests = round;
            timings.Add((long)s.StopWhileRunning("Get-DcsMigrationTask", _ => server.Requests.Count > requests).TotalMilliseconds);
        }
        output.WriteLine("Stop with the body stalled: " + string.Join(", ", timings) + " ms");
    }
}
