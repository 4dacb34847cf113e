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
        Assert.Contains(handler.Requests, u => u.AbsolutePath == "/v2/p1/instances" && u.Query.Contains("engine=reliability"));
        Assert.DoesNotContain(handler.Requests, u => u.AbsolutePath.Contains("kafka-1") || u.AbsolutePath.Contains("rabbit-1"));
    }
}
