using System.Net;
using System.Text;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Paging;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>The RocketMQ listing across instances, against a service that ignores the engine filter.</summary>
public sealed class RocketMqAllInstancesTests
{
    private sealed class IgnoresEngineFilter : HttpMessageHandler
    {
        public List<Uri> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            Requests.Add(uri);
            var body = uri.AbsolutePath.EndsWith("/instances")
                // Every engine, whatever ?engine= says.
                ? "{\"instance_num\":3,\"instances\":[{\"instance_id\":\"kafka-1\",\"name\":\"k\",\"engine\":\"kafka\"}," +
                  "{\"instance_id\":\"rocket-1\",\"name\":\"r\",\"engine\":\"reliability\"},{\"instance_id\":\"rabbit-1\",\"name\":\"q\",\"engine\":\"rabbitmq\"}]}"
                : "{\"total\":1,\"task\":[{\"id\":\"t-" + uri.Segments[^2].TrimEnd('/') + "\",\"name\":\"n\",\"status\":\"finished\",\"type\":\"rocketmq\"}]}";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    [Fact]
    public void Only_RocketMQ_instances_are_asked_for_tasks_even_when_the_service_ignores_the_engine_filter()
    {
        var handler = new IgnoresEngineFilter();
        var client = new HuaweiCloudClient(
            new ClientContext(new StaticCredentialProvider(new HuaweiCloudCredentials("AKAKAKAKAKAKAKAK", "SKSKSKSKSKSKSKSK")), "cn-north-4", "p1",
                new Dictionary<CloudService, Uri> { [CloudService.RocketMq] = new("https://dms.example.test") }),
            new PlainOperationHost(), new HttpClient(handler));
        var tasks = RocketMqApi.ListAllMigrationTasks(client, new PageOptions()).ToList();
        var task = Assert.Single(tasks);
        Assert.Equal("rocket-1", task.InstanceId);
        Assert.Equal("t-rocket-1", task.TaskId);
        Assert.Contains(handler.Requests, u => u.AbsolutePath == "/v2/p1/instances" && u.Query.Contains("engine=reliability"));
        Assert.DoesNotContain(handler.Requests, u => u.AbsolutePath.Contains("kafka-1") || u.AbsolutePath.Contains("rabbit-1"));
    }
}
