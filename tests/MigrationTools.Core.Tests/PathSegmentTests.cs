using MigrationTools.Core.Apis;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Tests.Hostile;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>Ids stay in their path segment: escaped, or refused before any request.</summary>
public sealed class PathSegmentTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("...")]
    [InlineData("abc.")]
    [InlineData("a\u0000b")]
    [InlineData("a\nb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    public void Ids_that_cannot_be_one_segment_are_refused_naming_the_parameter(string id)
    {
        var ex = Assert.Throws<HuaweiCloudConfigurationException>(() => ApiRequest.Segment(id, "TaskId"));
        Assert.Equal("InvalidId", ex.ErrorId);
        Assert.Equal("TaskId", ex.ParameterName);
        Assert.StartsWith("-TaskId '", ex.Message);
        Assert.DoesNotContain(ex.Message, c => char.IsControl(c)); // shown as \uXXXX, never raw
    }

    [Fact]
    public void A_lone_surrogate_is_refused()
    {
        Assert.Equal("InvalidId", Assert.Throws<HuaweiCloudConfigurationException>(() => ApiRequest.Segment("a" + '\uD800' + "b", "InstanceId")).ErrorId);
        Assert.Equal("InvalidId", Assert.Throws<HuaweiCloudConfigurationException>(() => ApiRequest.Segment("a" + '\uDC00', "InstanceId")).ErrorId);
        Assert.Equal("%F0%9F%98%80", ApiRequest.Segment("\U0001F600", "InstanceId"));
    }

    [Theory]
    [InlineData("%2e", "%252e")]
    [InlineData("%2E%2E", "%252E%252E")]
    [InlineData("..%2F", "..%252F")]
    [InlineData("a/../b", "a%2F..%2Fb")]
    [InlineData("..\\x", "..%5Cx")]
    [InlineData(".hidden", ".hidden")]
    [InlineData("a.b", "a.b")]
    [InlineData("a b?c#d", "a%20b%3Fc%23d")]
    [InlineData("任务", "%E4%BB%BB%E5%8A%A1")]
    public void Other_ids_are_escaped_into_one_segment(string id, string segment) =>
        Assert.Equal(segment, ApiRequest.Segment(id, "TaskId"));

    [Theory]
    [InlineData("%2e%2e")]
    [InlineData("..%2F")]
    [InlineData("%5C..%5C")]
    [InlineData("a/../b")]
    [InlineData("\\..\\x")]
    [InlineData("%7E")]
    [InlineData(".hidden")]
    public void The_uri_keeps_the_escaped_segment_as_signed(string id)
    {
        var request = new ApiRequest(CloudService.Dcs, "DCS ShowMigrationTaskStats", $"/v2/p1/migration-task/{ApiRequest.Segment(id, "TaskId")}/stats");
        var uri = request.ToUri(new Uri("http://127.0.0.1:5080/base/"), "");
        Assert.Equal("/base" + request.Path, uri.AbsolutePath);
        Assert.Equal("/base" + request.Path, uri.PathAndQuery);
    }

    [Fact]
    public void A_path_the_uri_parser_would_change_is_never_sent()
    {
        // A path built without Segment (a future API description's mistake): System.Uri would compact the dot segment.
        var request = new ApiRequest(CloudService.Dcs, "DCS ShowMigrationTaskStats", "/v2/p1/migration-task/../stats");
        var ex = Assert.Throws<HuaweiCloudConfigurationException>(() => request.ToUri(new Uri("http://127.0.0.1:5080"), ""));
        Assert.Equal("InvalidId", ex.ErrorId);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData(" ")]
    public void A_bad_task_or_instance_id_sends_no_request(string id)
    {
        var handler = new ScriptedHandler("{}");
        var client = TestClient.For(handler);
        Assert.Equal("TaskId", Assert.Throws<HuaweiCloudConfigurationException>(() => DcsApi.GetMigrationStats(client, id)).ParameterName);
        Assert.Equal("TaskId", Assert.Throws<HuaweiCloudConfigurationException>(() => DcsApi.GetMigrationTask(client, id)).ParameterName);
        Assert.Equal("InstanceId", Assert.Throws<HuaweiCloudConfigurationException>(() => RocketMqApi.ListMigrationTasks(client, id, new Paging.PageOptions()).ToList()).ParameterName);
        Assert.Equal(0, handler.Count);
    }

    [Theory]
    [InlineData("…")]
    [InlineData("\u2024\u2024")]
    [InlineData("\uFF0E\uFF0E")]
    [InlineData("項目")]
    public void A_project_id_the_header_cannot_carry_is_refused_naming_its_source(string id)
    {
        // The project id also travels in X-Project-Id, which HttpClient refuses for non-ASCII: without this check
        // the user read "could not reach the endpoint" (EndpointUnreachable) for a typo in -ProjectId.
        var ex = Assert.Throws<HuaweiCloudConfigurationException>(() => new Connection.ConnectionResolver(
                new CredentialChain(new ICredentialSource[] { new ParameterCredentialSource() }), new DictionaryEnvironment(new Dictionary<string, string>()))
            .Resolve(new Connection.ConnectionRequest(CloudService.Dcs)
            {
                AccessKey = "AKAKAKAKAKAKAKAK", SecretKey = "SKSKSKSKSKSKSKSK", Region = "cn-north-4", ProjectId = id, Endpoint = "https://dcs.example.test",
            }, new PlainOperationHost()));
        Assert.Equal("InvalidId", ex.ErrorId);
        Assert.Equal("ProjectId", ex.ParameterName);
        Assert.Contains("X-Project-Id", ex.Message);
    }

    [Fact]
    public void The_request_line_on_the_wire_keeps_the_escaped_segment()
    {
        // The raw-TCP server reads the request line as sent: no Uri or server normalisation in between.
        using var server = new HostileServer(HostileServer.Json("{\"full_migration_progress\":\"100\",\"offset\":\"0\"}"));
        var client = TestClient.At(server.BaseUri);
        foreach (var id in new[] { "%2e%2e", "a/../b", "..\\x" }) DcsApi.GetMigrationStats(client, id);
        var lines = server.Requests.Select(r => r.Line).ToList();
        Assert.Equal(new[]
        {
            "GET /v2/p1/migration-task/%252e%252e/stats HTTP/1.1",
            "GET /v2/p1/migration-task/a%2F..%2Fb/stats HTTP/1.1",
            "GET /v2/p1/migration-task/..%5Cx/stats HTTP/1.1",
        }, lines);
    }
}
