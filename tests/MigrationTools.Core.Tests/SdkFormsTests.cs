using MigrationTools.Core.Apis;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>The forms of the answers the official SDKs describe (issue 15), read whichever the service sends.</summary>
public sealed class SdkFormsTests
{
    private static string RocketDetail(string type, string jsonContent) =>
        "{\"id\":\"t1\",\"name\":\"task\",\"start_date\":\"2023-03-13 19:43:32.12\",\"status\":\"finished\",\"type\":\"" + type + "\"" +
        ",\"json_content\":" + System.Text.Json.JsonSerializer.Serialize(jsonContent) + "}";

    private const string SnakeTables =
        "{\"topic_config_table\":{\"orders\":{\"topic_name\":\"orders\",\"order\":true,\"perm\":6,\"read_queue_nums\":8,\"write_queue_nums\":4," +
        "\"topic_filter_type\":\"MULTI_TAG\",\"topic_sys_flag\":1}}," +
        "\"subscription_group_table\":{\"GID_a\":{\"group_name\":\"GID_a\",\"consume_broadcast_enable\":true,\"consume_enable\":false," +
        "\"consume_from_min_enable\":true,\"notify_consumer_ids_changed_enable\":false,\"retry_max_times\":3,\"retry_queue_nums\":2," +
        "\"which_broker_when_consume_slow\":5}}}";

    private const string CamelTables =
        "{\"topicConfigTable\":{\"orders\":{\"topicName\":\"orders\",\"order\":true,\"perm\":6,\"readQueueNums\":8,\"writeQueueNums\":4," +
        "\"topicFilterType\":\"MULTI_TAG\",\"topicSysFlag\":1}}," +
        "\"subscriptionGroupTable\":{\"GID_a\":{\"groupName\":\"GID_a\",\"consumeBroadcastEnable\":true,\"consumeEnable\":false," +
        "\"consumeFromMinEnable\":true,\"notifyConsumerIdsChangedEnable\":false,\"retryMaxTimes\":3,\"retryQueueNums\":2," +
        "\"whichBrokerWhenConsumeSlow\":5}}}";

    [Theory]
    [InlineData(SnakeTables)]
    [InlineData(CamelTables)]
    public void Topics_and_groups_are_read_in_either_spelling_field_by_field(string content)
    {
        var d = RocketMqApi.GetMigrationTask(TestClient.For(new ScriptedHandler(RocketDetail("rocketmq", content))), "i1", "t1", null, null);
        var topic = Assert.Single(d.Topics);
        Assert.Equal(("orders", true, 6L, 8L, 4L, "MULTI_TAG", 1L),
            (topic.TopicName, topic.Order, topic.Perm, topic.ReadQueueNums, topic.WriteQueueNums, topic.TopicFilterType, topic.TopicSysFlag));
        var group = Assert.Single(d.SubscriptionGroups);
        Assert.Equal(("GID_a", true, false, true, false, 3L, 2L, 5L),
            (group.GroupName, group.ConsumeBroadcastEnable, group.ConsumeEnable, group.ConsumeFromMinEnable, group.NotifyConsumerIdsChangedEnable,
             group.RetryMaxTimes, group.RetryQueueNums, group.WhichBrokerWhenConsumeSlow));
    }

    [Fact]
    public void A_topic_without_its_name_inside_takes_the_tables_key()
    {
        var d = RocketMqApi.GetMigrationTask(TestClient.For(new ScriptedHandler(RocketDetail("rocketmq", "{\"topic_config_table\":{\"bare\":{\"perm\":6}}}"))), "i1", "t1", null, null);
        Assert.Equal("bare", Assert.Single(d.Topics).TopicName);
    }

    private const string WholeRabbit =
        "{\"vhosts\":[{\"name\":\"/\"},{\"name\":\"v1\"}]," +
        "\"exchanges\":[{\"vhost\":\"/\",\"name\":\"e1\",\"type\":\"topic\",\"durable\":true},{\"vhost\":\"v1\",\"name\":\"e2\",\"type\":\"direct\",\"durable\":true}]," +
        "\"queues\":[{\"vhost\":\"/\",\"name\":\"q1\",\"durable\":true},{\"vhost\":\"v1\",\"name\":\"q2\",\"durable\":true},{\"vhost\":\"v1\",\"name\":\"q3\",\"durable\":true}]," +
        "\"bindings\":[{\"vhost\":\"/\",\"source\":\"e1\",\"destination\":\"q1\",\"destination_type\":\"queue\",\"routing_key\":\"k\"}," +
        "{\"vhost\":\"v1\",\"source\":\"e2\",\"destination\":\"q2\",\"destination_type\":\"queue\",\"routing_key\":\"k\"}]," +
        "\"topic_config_table\":{\"t\":{\"topic_name\":\"t\"}}}";

    [Theory]
    // A service that answers a narrowed request with the whole metadata: only what was asked is kept.
    [InlineData("vhost", null, "vhosts", "/; v1")]
    [InlineData("exchange", "v1", "exchanges", "v1/e2")]
    [InlineData("exchange", null, "exchanges", "//e1; v1/e2")]
    [InlineData("queue", "v1-e2", "queues", "v1/q2")]
    [InlineData("queue", null, "queues", "//q1; v1/q2; v1/q3")]
    public void What_Type_and_Name_ask_for_is_what_is_kept_whatever_the_service_sent(string type, string? name, string kept, string items)
    {
        var d = RocketMqApi.GetMigrationTask(TestClient.For(new ScriptedHandler(RocketDetail("rabbitToRocket", WholeRabbit))), "i1", "t1", type, name);
        var lists = new Dictionary<string, string>
        {
            ["vhosts"] = d.Vhosts.ToString(), ["exchanges"] = d.Exchanges.ToString(), ["queues"] = d.Queues.ToString(),
            ["bindings"] = d.Bindings.ToString(), ["topics"] = d.Topics.ToString(), ["groups"] = d.SubscriptionGroups.ToString(),
        };
        Assert.Equal(items, lists[kept]);
        Assert.All(lists.Where(kv => kv.Key != kept), kv => Assert.True(kv.Value.Length == 0, $"{kv.Key} kept: {kv.Value}"));
        Assert.Equal(type, d.MetadataType);
    }

    [Fact]
    public void All_keeps_everything()
    {
        var d = RocketMqApi.GetMigrationTask(TestClient.For(new ScriptedHandler(RocketDetail("rabbitToRocket", WholeRabbit))), "i1", "t1", null, null);
        Assert.Equal((2, 2, 3, 2, 1), (d.Vhosts.Count, d.Exchanges.Count, d.Queues.Count, d.Bindings.Count, d.Topics.Count));
        Assert.Equal("all", d.MetadataType);
    }

    private const string DrsDetail =
        "{\"id\":\"j1\",\"status\":\"SUCCESS\",\"create_time\":\"2024-01-02T03:04:05Z\",\"finish_time\":\"2024-01-02T04:04:05Z\"," +
        "\"backup_info\":{\"file_source\":\"OBS\",\"bucket_name\":\"b\",\"file_info\":[{\"file_name\":\"a.bak\",\"file_size\":\"1024\",\"file_last_modify\":\"2024-01-01 00:00:00\"}]}," +
        "\"base_info\":{\"name\":\"restore-orders\",\"engine_type\":\"sqlserver\",\"description\":\"nightly\",\"tags\":[{\"key\":\"env\",\"value\":\"prod\"}]}," +
        "\"target_db_info\":{\"target_instance_id\":\"rds-1\",\"ms_file_stream_status\":\"false\",\"file_id\":\"f\"}," +
        "\"options\":{\"is_cover\":true,\"is_default_restore\":false,\"is_last_backup\":true,\"is_precheck\":false,\"recovery_mode\":\"incre\"," +
        "\"db_names\":[\"orders\",\"sales\"],\"reset_db_name_map\":{\"orders\":\"orders_new\",\"sales\":\"sales_new\"},\"is_delete_backup_file\":false}," +
        "\"new_db_names\":\"orders_new,sales_new\",\"instance_name\":\"rds-target\"";

    [Fact]
    public void A_DRS_job_detail_takes_its_name_and_description_from_base_info_and_its_options_typed()
    {
        var job = DrsApi.GetBackupMigrationJob(TestClient.For(new ScriptedHandler(DrsDetail + "}")), "j1");
        Assert.Equal(("restore-orders", "nightly"), (job.Name, job.Description));
        var o = job.Options!;
        Assert.Equal((true, false, true, false, "incre", false), (o.IsCover, o.IsDefaultRestore, o.IsLastBackup, o.IsPrecheck, o.RecoveryMode, o.IsDeleteBackupFile));
        Assert.Equal(["orders", "sales"], o.DbNames);
        Assert.Equal(["orders", "sales"], o.ResetDbNameMap.Select(r => r.OldName));
        Assert.Equal(["orders_new", "sales_new"], o.ResetDbNameMap.Select(r => r.NewName));
        Assert.Equal("incre, overwrite, last backup, orders->orders_new; sales->sales_new", o.ToString());
    }

    [Fact]
    public void A_top_level_name_is_the_fallback_and_base_info_wins()
    {
        var fallback = DrsApi.GetBackupMigrationJob(TestClient.For(new ScriptedHandler("{\"id\":\"j1\",\"name\":\"top\",\"description\":\"d\"}")), "j1");
        Assert.Equal(("top", "d"), (fallback.Name, fallback.Description));
        var both = DrsApi.GetBackupMigrationJob(TestClient.For(new ScriptedHandler(DrsDetail + ",\"name\":\"top\",\"description\":\"d\"}")), "j1");
        Assert.Equal(("restore-orders", "nightly"), (both.Name, both.Description));
    }

    [Fact]
    public void A_rename_map_that_is_not_an_object_is_an_error_naming_the_field()
    {
        var e = Assert.Throws<Errors.MalformedResponseException>(() =>
            DrsApi.GetBackupMigrationJob(TestClient.For(new ScriptedHandler("{\"id\":\"j1\",\"options\":{\"reset_db_name_map\":[\"x\"]}}")), "j1"));
        Assert.Contains("reset_db_name_map", e.Message);
    }
}
