using MigrationTools.Core.Apis;
using MigrationTools.Core.Errors;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>The RocketMQ task detail: json_content parsed, and a narrowed list merged across its pages.</summary>
public sealed class RocketMqDetailTests
{
    private static string Detail(string jsonContent, int? total = null) =>
        "{\"id\":\"t1\",\"name\":\"task\",\"start_date\":\"2023-03-13 19:43:32.12\",\"status\":\"finished\",\"type\":\"rabbitToRocket\"" +
        (total is null ? "" : $",\"total\":{total}") + ",\"json_content\":" + System.Text.Json.JsonSerializer.Serialize(jsonContent) + "}";

    [Fact]
    public void A_narrowed_list_is_merged_across_its_pages()
    {
        var handler = new ScriptedHandler(r => r.RequestUri!.Query.Contains("offset=1")
            ? Detail("{\"vhosts\":[{\"name\":\"a\"},{\"name\":\"b\"}]}", total: 3)
            : Detail("{\"vhosts\":[{\"name\":\"c\"}]}", total: 3));
        var d = RocketMqApi.GetMigrationTask(TestClient.For(handler), "i1", "t1", "vhost", null);
        Assert.Equal(new[] { "a", "b", "c" }, d.Vhosts.Select(v => v.Name));
        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("offset=2", handler.Requests[1].Query);
        Assert.Contains("type=vhost", handler.Requests[1].Query);
    }

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(250)]
    public void A_narrowed_list_whose_service_ignores_the_page_number_ends_with_a_warning(int total)
    {
        // The same 100 vhosts for every page number: merged once, and the listing stops at the first page with
        // nothing new instead of asking for page after page up to the (lying) total.
        var vhosts = string.Join(",", Enumerable.Range(0, 100).Select(i => $"{{\"name\":\"v{i}\"}}"));
        var handler = new ScriptedHandler(_ => Detail("{\"vhosts\":[" + vhosts + "]}", total));
        var warnings = new List<string>();
        var client = TestClient.For(handler, new Http.PlainOperationHost(log: (level, m) => { if (level == Http.LogLevel.Warning) warnings.Add(m); }));
        var d = RocketMqApi.GetMigrationTask(client, "i1", "t1", "vhost", null);
        Assert.Equal(100, d.Vhosts.Count);
        Assert.Equal(100, d.Vhosts.Select(v => v.Name).Distinct().Count());
        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains(warnings, w => w.Contains("already sent") && w.Contains("RocketMQ"));
    }

    [Fact]
    public void A_narrowed_list_without_a_total_is_one_page()
    {
        var handler = new ScriptedHandler(_ => Detail("{\"vhosts\":[{\"name\":\"a\"}]}"));
        var d = RocketMqApi.GetMigrationTask(TestClient.For(handler), "i1", "t1", "vhost", null);
        Assert.Equal("a", Assert.Single(d.Vhosts).Name);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public void The_full_metadata_is_one_request_with_type_all()
    {
        var handler = new ScriptedHandler(_ => Detail("{\"topicConfigTable\":{\"t1\":{\"readQueueNums\":\"16\",\"perm\":6}},\"subscriptionGroupTable\":{\"g1\":{\"groupName\":\"g1\",\"retryMaxTimes\":16}}}"));
        var d = RocketMqApi.GetMigrationTask(TestClient.For(handler), "i1", "t1", null, null);
        Assert.Single(handler.Requests);
        Assert.Contains("type=all", handler.Requests[0].Query);
        Assert.DoesNotContain("offset=", handler.Requests[0].Query);
        var topic = Assert.Single(d.Topics);
        Assert.Equal("t1", topic.TopicName);           // filled in from the table's key
        Assert.Equal(16L, topic.ReadQueueNums);        // a string where a number belongs
        Assert.Equal("g1", Assert.Single(d.SubscriptionGroups).GroupName);
        Assert.Equal(new DateTime(2023, 3, 13, 19, 43, 32, 120, DateTimeKind.Utc), d.StartDate);
        Assert.Equal("cn-north-4", d.Region);
        Assert.Equal("i1", d.InstanceId);
    }

    [Fact]
    public void Json_content_that_is_not_the_metadata_gives_a_malformed_response_error()
    {
        var handler = new ScriptedHandler(_ => Detail("{\"vhosts\": \"not a list\""));
        var ex = Assert.Throws<MalformedResponseException>(() => RocketMqApi.GetMigrationTask(TestClient.For(handler), "i1", "t1", null, null));
        Assert.Contains("json_content", ex.Message);
        Assert.Contains("RocketMQ", ex.Message);
    }
}
