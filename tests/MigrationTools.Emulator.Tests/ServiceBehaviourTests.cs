using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MigrationTools.Emulator.Tests;

/// <summary>The forms of the services the emulator serves (RocketMQ engine spelling, json_content spelling), set
/// through the control route as a non-.NET test would. Its own host: the tests change its behaviour.</summary>
public sealed class ServiceBehaviourTests : EmulatorTestBase, IClassFixture<EmulatorFixture>
{
    // A class fixture is this class's own host.
    public ServiceBehaviourTests(EmulatorFixture f) : base(f.Host, f.Http) => f.Host.Behaviour.Reset();

    private async Task Set(object behaviour)
    {
        var put = await Http.PutAsJsonAsync(new Uri(Host.BaseUri, "/_emulator/behaviour"), behaviour);
        Assert.Equal(200, (int)put.StatusCode);
    }

    private async Task<(int Status, string? Code, string[] Engines)> Instances(string engine)
    {
        var r = await Get(Q($"/v2/{P}/instances", ("engine", engine)));
        return (r.Status, r.Body?["error_code"]?.GetValue<string>(),
            r.Body?["instances"]?.AsArray().Select(i => i!["engine"]!.GetValue<string>()).ToArray() ?? []);
    }

    [Theory]
    // behaviour, unknown engine answer, engine asked, status, error code, engines answered (3 RocketMQ instances)
    [InlineData("both", "error", "rocketmq", 200, null, "rocketmq")]
    [InlineData("both", "error", "reliability", 200, null, "rocketmq")]
    [InlineData("rocketmq", "error", "rocketmq", 200, null, "rocketmq")]
    [InlineData("rocketmq", "error", "reliability", 400, "DMS.00400001", null)]
    [InlineData("rocketmq", "empty", "reliability", 200, null, null)]
    [InlineData("reliability", "error", "reliability", 200, null, "reliability")]
    [InlineData("reliability", "error", "rocketmq", 400, "DMS.00400001", null)]
    [InlineData("reliability", "empty", "rocketmq", 200, null, null)]
    public async Task ListInstances_serves_each_engine_spelling(string spelling, string unknown, string engine, int status, string? code, string? answered)
    {
        await Set(new { rocketMqEngine = spelling, unknownEngine = unknown });
        var (got, error, engines) = await Instances(engine);
        Assert.Equal(status, got);
        Assert.Equal(code, error);
        Assert.Equal(answered is null ? [] : Enumerable.Repeat(answered, Host.Data.RocketMqInstances.Count), engines);
        Assert.Equal(["kafka"], (await Instances("kafka")).Engines);
    }

    [Fact]
    public async Task Json_content_comes_in_either_spelling_with_the_same_topics_and_groups()
    {
        var task = Host.Data.RocketMqInstances.SelectMany(i => i.Tasks.Select(t => (i, t))).First(x => x.t.Type == "rocketmq");
        async Task<JsonObject> Content()
        {
            var r = await Get(Q($"/v2/{P}/instances/{task.i.InstanceId}/metadata", ("id", task.t.Id)));
            return JsonNode.Parse(r.Body!["json_content"]!.GetValue<string>())!.AsObject();
        }
        var camel = await Content();
        await Set(new { jsonContent = "snakeCase" });
        var snake = await Content();
        Assert.Null(snake["topicConfigTable"]);
        Assert.Equal(task.t.Topics, snake["topic_config_table"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(task.t.Topics, snake["topic_config_table"]!.AsObject().Select(kv => kv.Value!["topic_name"]!.GetValue<string>()));
        Assert.Equal(task.t.Groups, snake["subscription_group_table"]!.AsObject().Select(kv => kv.Value!["group_name"]!.GetValue<string>()));
        var first = task.t.Topics[0];
        Assert.Equal(camel["topicConfigTable"]![first]!["readQueueNums"]!.GetValue<int>(), snake["topic_config_table"]![first]!["read_queue_nums"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unknown_behaviour_is_refused_naming_it()
    {
        var put = await Http.PutAsJsonAsync(new Uri(Host.BaseUri, "/_emulator/behaviour"), new { rocketMqEngine = "kafka" });
        Assert.Equal(400, (int)put.StatusCode);
        var put2 = await Http.PutAsJsonAsync(new Uri(Host.BaseUri, "/_emulator/behaviour"), new { colour = "red" });
        Assert.Contains("colour", await put2.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_command_line_sets_the_behaviour()
    {
        var o = new EmulatorOptions();
        Assert.True(EmulatorProgram.Parse(["--rocketmq-engine", "reliability", "--unknown-engine", "empty", "--json-content", "snake"], o, out _));
        Assert.Equal(RocketMqEngineSpelling.Reliability, o.Behaviour.RocketMqEngine);
        Assert.Equal(UnknownEngineAnswer.Empty, o.Behaviour.UnknownEngine);
        Assert.Equal(JsonContentSpelling.SnakeCase, o.Behaviour.JsonContent);
        Assert.Throws<FormatException>(() => EmulatorProgram.Parse(["--rocketmq-engine", "kafka"], new EmulatorOptions(), out _));
    }
}
