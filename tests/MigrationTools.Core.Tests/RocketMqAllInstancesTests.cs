using MigrationTools.Core.Apis;
using MigrationTools.Core.Paging;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>The RocketMQ listing across instances, against a service that ignores the engine filter.</summary>
public sealed class RocketMqAllInstancesTests
{
    /// <summary>Every engine in the instance list, whatever ?engine= says; one task per instance asked.</summary>
    private static string IgnoresEngineFilter(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        return uri.AbsolutePath.EndsWith("/instances")
            ? "{\"instance_num\":3,\"instances\":[{\"instance_id\":\"kafka-1\",\"name\":\"k\",\"engine\":\"kafka\"}," +
              "{\"instance_id\":\"rocket-1\",\"name\":\"r\",\"engine\":\"reliability\"},{\"instance_id\":\"rabbit-1\",\"name\":\"q\",\"engine\":\"rabbitmq\"}]}"
            : "{\"total\":1,\"task\":[{\"id\":\"t-" + uri.Segments[^2].TrimEnd('/') + "\",\"name\":\"n\",\"status\":\"finished\",\"type\":\"rocketmq\"}]}";
    }

    [Fact]
    public void Only_RocketMQ_instances_are_asked_for_tasks_even_when_the_service_ignores_the_engine_filter()
    {
        var handler = new ScriptedHandler(IgnoresEngineFilter);
        var client = TestClient.For(handler);
        var tasks = RocketMqApi.ListAllMigrationTasks(client, new PageOptions()).ToList();
        var task = Assert.Single(tasks);
        Assert.Equal("rocket-1", task.InstanceId);
        Assert.Equal("t-rocket-1", task.TaskId);
        // engine=rocketmq (the SDKs' spelling) found a RocketMQ instance: reliability is not asked.
        Assert.Equal(["?engine=rocketmq&limit=50&offset=0"], handler.Requests.Where(u => u.AbsolutePath == "/v2/p1/instances").Select(u => u.Query));
        Assert.DoesNotContain(handler.Requests, u => u.AbsolutePath.Contains("kafka-1") || u.AbsolutePath.Contains("rabbit-1"));
    }

    /// <summary>
    /// A service that knows the RocketMQ engine by <paramref name="known"/> only (or by both), whose instances say
    /// <paramref name="spelled"/>; an engine it does not know is refused (400) or gives an empty list.
    /// </summary>
    private static Func<HttpRequestMessage, HttpResponseMessage> Service(string[] known, string spelled, bool refuseUnknown, int instances = 2) => request =>
    {
        var uri = request.RequestUri!;
        if (!uri.AbsolutePath.EndsWith("/instances"))
            return Json("{\"total\":1,\"task\":[{\"id\":\"t-" + uri.Segments[^2].TrimEnd('/') + "\",\"name\":\"n\",\"status\":\"finished\",\"type\":\"rocketmq\"}]}");
        var engine = System.Web.HttpUtility.ParseQueryString(uri.Query)["engine"];
        if (!known.Contains(engine))
            return refuseUnknown
                ? new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest) { Content = new StringContent("{\"error_code\":\"DMS.00400001\",\"error_msg\":\"Invalid parameter: engine\"}") }
                : Json("{\"instance_num\":0,\"instances\":[]}");
        var list = string.Join(",", Enumerable.Range(1, instances).Select(i => $"{{\"instance_id\":\"rocket-{i}\",\"name\":\"r{i}\",\"engine\":\"{spelled}\"}}"));
        return Json($"{{\"instance_num\":{instances},\"instances\":[{list}]}}");
    };

    private static HttpResponseMessage Json(string body) => new(System.Net.HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

    public static TheoryData<string, string[], string, bool, string[]> Services => new()
    {
        // name, engines known, spelling in answers, unknown refused, the engine values asked in order
        { "new service, refuses reliability", ["rocketmq"], "rocketmq", true, ["rocketmq"] },
        { "new service, empty for reliability", ["rocketmq"], "rocketmq", false, ["rocketmq"] },
        { "old service, refuses rocketmq", ["reliability"], "reliability", true, ["rocketmq", "reliability"] },
        { "old service, empty for rocketmq", ["reliability"], "reliability", false, ["rocketmq", "reliability"] },
        { "service taking both", ["rocketmq", "reliability"], "rocketmq", true, ["rocketmq"] },
        { "service taking both, answering reliability", ["rocketmq", "reliability"], "reliability", true, ["rocketmq"] },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_RocketMQ_task_is_listed_whichever_engine_spelling_the_service_knows(string name, string[] known, string spelled, bool refuse, string[] asked)
    {
        var handler = new RespondingHandler(Service(known, spelled, refuse));
        var tasks = RocketMqApi.ListAllMigrationTasks(TestClient.For(handler), new PageOptions()).ToList();
        Assert.True(new[] { "rocket-1", "rocket-2" }.SequenceEqual(tasks.Select(t => t.InstanceId)), name);
        Assert.Equal(asked, handler.Requests.Where(u => u.AbsolutePath == "/v2/p1/instances")
            .Select(u => System.Web.HttpUtility.ParseQueryString(u.Query)["engine"]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_new_service_without_RocketMQ_instances_lists_nothing_after_two_requests(bool refuseUnknown)
    {
        var handler = new RespondingHandler(Service(["rocketmq"], "rocketmq", refuseUnknown, instances: 0));
        Assert.Empty(RocketMqApi.ListAllMigrationTasks(TestClient.For(handler), new PageOptions()));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public void A_service_refusing_both_spellings_is_an_error_naming_its_code()
    {
        var handler = new RespondingHandler(Service(["none"], "rocketmq", true));
        var e = Assert.Throws<MigrationTools.Core.Errors.HuaweiCloudServiceException>(() => RocketMqApi.ListAllMigrationTasks(TestClient.For(handler), new PageOptions()).ToList());
        Assert.Equal("DMS.00400001", e.ErrorCode);
        Assert.Equal(2, handler.Requests.Count);
    }
}

/// <summary>A service in memory whose answers (status and body) <c>answer</c> gives; records the addresses asked for.</summary>
public sealed class RespondingHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Uri> _requests = new();
    public IReadOnlyList<Uri> Requests => _requests.ToArray();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request.RequestUri!);
        return Task.FromResult(answer(request));
    }
}
