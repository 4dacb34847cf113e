using System.Text.Json;
using System.Text.Json.Nodes;

namespace MigrationTools.Emulator.Tests;

public class RocketMqTests(EmulatorFixture f) : EmulatorTestBase(f.Host, f.Http), IClassFixture<EmulatorFixture>
{
    private string Path(int i) => $"/v2/{P}/instances/{Host.Data.RocketMqInstances[i].InstanceId}/metadata";

    [Fact]
    public async Task Offset_is_a_page_number_starting_at_one()
    {
        var all = Host.Data.RocketMqInstances[0].Tasks;
        Assert.Equal(350, all.Count);
        var p1 = await Get(Q(Path(0), ("offset", "1"), ("limit", "100")));
        var p4 = await Get(Q(Path(0), ("offset", "4"), ("limit", "100")));
        var p0 = await Get(Q(Path(0), ("offset", "0"), ("limit", "100")));
        Assert.Equal(350, p1.Body!["total"]!.GetValue<int>());
        Assert.Equal(all.Take(100).Select(t => t.Id), p1.Body["task"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        Assert.Equal(all.Skip(300).Select(t => t.Id), p4.Body!["task"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        Assert.Equal(p1.Body["task"]!.ToJsonString(), p0.Body!["task"]!.ToJsonString()); // 0 is taken as 1
        var dflt = await Get(Path(0));
        Assert.Equal(10, dflt.Body!["task"]!.AsArray().Count);
        var beyond = await Get(Q(Path(0), ("offset", "99")));
        Assert.Empty(beyond.Body!["task"]!.AsArray());
    }

    [Fact]
    public async Task Items_have_the_page_shape_and_quirky_dates()
    {
        var r = await Get(Q(Path(0), ("limit", "1000")));
        var items = r.Body!["task"]!.AsArray();
        Assert.All(items, t =>
        {
            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d\d)?$", t!["start_date"]!.GetValue<string>());
            Assert.Contains(t["status"]!.GetValue<string>(), new[] { "creating", "starting", "failed", "finished" });
            Assert.Contains(t["type"]!.GetValue<string>(), new[] { "rocketmq", "rabbitToRocket" });
        });
        Assert.Contains(items, t => !t!["start_date"]!.GetValue<string>().Contains('.'));
    }

    [Fact]
    public async Task Empty_and_unknown_instances()
    {
        var empty = await Get(Path(2));
        Assert.Equal(0, empty.Body!["total"]!.GetValue<int>());
        Assert.Empty(empty.Body["task"]!.AsArray());
        var unknown = await Get($"/v2/{P}/instances/{Guid.Empty}/metadata");
        Assert.Equal(404, unknown.Status);
        Assert.Equal("DMS.00404022", unknown.Body!["error_code"]!.GetValue<string>());
        var badTask = await Get(Q(Path(1), ("id", Guid.Empty.ToString())));
        Assert.Equal(400, badTask.Status);
        Assert.Equal("DMS.00405011", badTask.Body!["error_code"]!.GetValue<string>());
        var badLimit = await Get(Q(Path(0), ("limit", "0")));
        Assert.Equal(400, badLimit.Status);
    }

    [Fact]
    public async Task Detail_carries_json_content_as_a_string()
    {
        var rocket = Host.Data.RocketMqInstances[0].Tasks.First(t => t.Type == "rocketmq");
        var r = await Get(Q(Path(0), ("id", rocket.Id)));
        Assert.Equal(JsonValueKind.String, Kind(r.Body!["json_content"]));
        var content = JsonNode.Parse(r.Body["json_content"]!.GetValue<string>())!;
        Assert.Equal(rocket.Topics.OrderBy(x => x), content["topicConfigTable"]!.AsObject().Select(p => p.Key).OrderBy(x => x));
        Assert.NotNull(content["subscriptionGroupTable"]);
        var topic = content["topicConfigTable"]!.AsObject().First().Value!;
        Assert.Equal(JsonValueKind.Number, Kind(topic["readQueueNums"]));

        var rabbit = Host.Data.RocketMqInstances[0].Tasks.First(t => t.Type == "rabbitToRocket" && t.Vhosts.Count > 1);
        var full = JsonNode.Parse((await Get(Q(Path(0), ("id", rabbit.Id), ("type", "all")))).Body!["json_content"]!.GetValue<string>())!;
        Assert.Equal(rabbit.Queues.Count, full["queues"]!.AsArray().Count);
        Assert.Equal(rabbit.Bindings.Count, full["bindings"]!.AsArray().Count);
        Assert.NotNull(full["bindings"]![0]!["destination_type"]);
    }

    [Fact]
    public async Task Type_and_name_narrow_the_detail()
    {
        var rabbit = Host.Data.RocketMqInstances[0].Tasks.First(t => t.Type == "rabbitToRocket" && t.Vhosts.Count > 1);
        var vh = await Get(Q(Path(0), ("id", rabbit.Id), ("type", "vhost")));
        var vhosts = JsonNode.Parse(vh.Body!["json_content"]!.GetValue<string>())!["vhosts"]!.AsArray();
        Assert.Equal(rabbit.Vhosts, vhosts.Select(v => v!["name"]!.GetValue<string>()));
        Assert.Equal(rabbit.Vhosts.Count, vh.Body["total"]!.GetValue<int>());

        var vhost = rabbit.Vhosts[1];
        var ex = await Get(Q(Path(0), ("id", rabbit.Id), ("type", "exchange"), ("name", vhost)));
        var exchanges = JsonNode.Parse(ex.Body!["json_content"]!.GetValue<string>())!["exchanges"]!.AsArray();
        Assert.Equal(rabbit.Exchanges.Count(e => e.Vhost == vhost), exchanges.Count);
        Assert.All(exchanges, e => Assert.Equal(vhost, e!["vhost"]!.GetValue<string>()));

        var exchange = rabbit.Exchanges.First(e => e.Vhost == vhost);
        var qu = await Get(Q(Path(0), ("id", rabbit.Id), ("type", "queue"), ("name", $"{vhost}-{exchange.Name}")));
        var queues = JsonNode.Parse(qu.Body!["json_content"]!.GetValue<string>())!["queues"]!.AsArray();
        var expected = rabbit.Bindings.Where(b => b.Vhost == vhost && b.Source == exchange.Name).Select(b => b.Destination).ToHashSet();
        Assert.Equal(expected.Count, queues.Count);
        Assert.All(queues, q => Assert.Contains(q!["name"]!.GetValue<string>(), expected));
    }
}
