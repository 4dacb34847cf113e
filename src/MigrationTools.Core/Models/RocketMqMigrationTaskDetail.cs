using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>
/// One RocketMQ metadata migration task with its metadata. The service sends the metadata as a JSON string
/// (json_content); it arrives here parsed: RabbitMQ vhosts, exchanges, queues and bindings for rabbitToRocket
/// tasks, RocketMQ topics and subscription groups for rocketmq tasks.
/// </summary>
public sealed class RocketMqMigrationTaskDetail : IRegionalResource
{
    public string? TaskId { get; set; }
    public string? TaskName { get; set; }
    public DateTime? StartDate { get; set; }
    public string? Status { get; set; }
    public string? Type { get; set; }
    /// <summary>Which metadata was asked for (-Type): vhost, exchange or queue hold only that list; all holds everything.</summary>
    public string? MetadataType { get; set; }
    public ReadableList<RabbitMqVhost> Vhosts { get; set; } = ReadableList<RabbitMqVhost>.Empty;
    public ReadableList<RabbitMqExchange> Exchanges { get; set; } = ReadableList<RabbitMqExchange>.Empty;
    public ReadableList<RabbitMqQueue> Queues { get; set; } = ReadableList<RabbitMqQueue>.Empty;
    public ReadableList<RabbitMqBinding> Bindings { get; set; } = ReadableList<RabbitMqBinding>.Empty;
    public ReadableList<RocketMqTopicConfig> Topics { get; set; } = ReadableList<RocketMqTopicConfig>.Empty;
    public ReadableList<RocketMqSubscriptionGroup> SubscriptionGroups { get; set; } = ReadableList<RocketMqSubscriptionGroup>.Empty;
    /// <summary>The migration result as the service reports it (free text or JSON; not documented).</summary>
    public string? Result { get; set; }

    public string? InstanceId { get; set; }
    public string? Region { get; set; }
    public string? ProjectId { get; set; }

    public override string ToString() => TaskName ?? TaskId ?? string.Empty;
}

public sealed class RabbitMqVhost
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    public override string ToString() => Name ?? string.Empty;
}

public sealed class RabbitMqExchange
{
    [JsonPropertyName("vhost")] public string? Vhost { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>topic, direct, fanout or headers.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("durable"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? Durable { get; set; }
    public override string ToString() => $"{Vhost}/{Name}";
}

public sealed class RabbitMqQueue
{
    [JsonPropertyName("vhost")] public string? Vhost { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("durable"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? Durable { get; set; }
    public override string ToString() => $"{Vhost}/{Name}";
}

public sealed class RabbitMqBinding
{
    [JsonPropertyName("vhost")] public string? Vhost { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("destination")] public string? Destination { get; set; }
    /// <summary>exchange or queue.</summary>
    [JsonPropertyName("destination_type")] public string? DestinationType { get; set; }
    [JsonPropertyName("routing_key")] public string? RoutingKey { get; set; }
    public override string ToString() => $"{Vhost}/{Source}->{Destination}" + (string.IsNullOrEmpty(RoutingKey) ? "" : $" [{RoutingKey}]");
}

/// <summary>A RocketMQ topic of a task's metadata. Read from either spelling: RocketMQ's own metadata export
/// (topicName, readQueueNums...) or the SDKs' CreateRocketMqMigrationTaskReq (topic_name, read_queue_nums...).</summary>
public sealed class RocketMqTopicConfig
{
    [JsonPropertyName("topicName")] public string? TopicName { get; set; }
    [JsonPropertyName("order"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? Order { get; set; }
    /// <summary>Permission bits: 2 write, 4 read, 6 both (the SDK's PUB, SUB, PUB|SUB), 0 deny.</summary>
    [JsonPropertyName("perm"), JsonConverter(typeof(FlexibleInt64Converter))] public long? Perm { get; set; }
    [JsonPropertyName("readQueueNums"), JsonConverter(typeof(FlexibleInt64Converter))] public long? ReadQueueNums { get; set; }
    [JsonPropertyName("writeQueueNums"), JsonConverter(typeof(FlexibleInt64Converter))] public long? WriteQueueNums { get; set; }
    /// <summary>SINGLE_TAG or MULTI_TAG.</summary>
    [JsonPropertyName("topicFilterType")] public string? TopicFilterType { get; set; }
    [JsonPropertyName("topicSysFlag"), JsonConverter(typeof(FlexibleInt64Converter))] public long? TopicSysFlag { get; set; }

    // The SDKs' snake_case spelling of the same fields (one of the two comes; the camelCase one wins if both do).
    [JsonInclude, JsonPropertyName("topic_name")] internal string? TopicNameSdk { get => null; set => TopicName ??= value; }
    [JsonInclude, JsonPropertyName("read_queue_nums"), JsonConverter(typeof(FlexibleInt64Converter))] internal long? ReadQueueNumsSdk { get => null; set => ReadQueueNums ??= value; }
    [JsonInclude, JsonPropertyName("write_queue_nums"), JsonConverter(typeof(FlexibleInt64Converter))] internal long? WriteQueueNumsSdk { get => null; set => WriteQueueNums ??= value; }
    [JsonInclude, JsonPropertyName("topic_filter_type")] internal string? TopicFilterTypeSdk { get => null; set => TopicFilterType ??= value; }
    [JsonInclude, JsonPropertyName("topic_sys_flag"), JsonConverter(typeof(FlexibleInt64Converter))] internal long? TopicSysFlagSdk { get => null; set => TopicSysFlag ??= value; }

    public override string ToString() => TopicName ?? string.Empty;
}

/// <summary>A RocketMQ subscription (consumer) group of a task's metadata, read from either spelling like the topics.</summary>
public sealed class RocketMqSubscriptionGroup
{
    [JsonPropertyName("groupName")] public string? GroupName { get; set; }
    [JsonPropertyName("consumeBroadcastEnable"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? ConsumeBroadcastEnable { get; set; }
    [JsonPropertyName("consumeEnable"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? ConsumeEnable { get; set; }
    [JsonPropertyName("consumeFromMinEnable"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? ConsumeFromMinEnable { get; set; }
    [JsonPropertyName("notifyConsumerIdsChangedEnable"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? NotifyConsumerIdsChangedEnable { get; set; }
    [JsonPropertyName("retryMaxTimes"), JsonConverter(typeof(FlexibleInt64Converter))] public long? RetryMaxTimes { get; set; }
    [JsonPropertyName("retryQueueNums"), JsonConverter(typeof(FlexibleInt64Converter))] public long? RetryQueueNums { get; set; }
    [JsonPropertyName("whichBrokerWhenConsumeSlow"), JsonConverter(typeof(FlexibleInt64Converter))] public long? WhichBrokerWhenConsumeSlow { get; set; }

    [JsonInclude, JsonPropertyName("group_name")] internal string? GroupNameSdk { get => null; set => GroupName ??= value; }
    [JsonInclude, JsonPropertyName("consume_broadcast_enable"), JsonConverter(typeof(FlexibleBooleanConverter))] internal bool? ConsumeBroadcastEnableSdk { get => null; set => ConsumeBroadcastEnable ??= value; }
    [JsonInclude, JsonPropertyName("consume_enable"), JsonConverter(typeof(FlexibleBooleanConverter))] internal bool? ConsumeEnableSdk { get => null; set => ConsumeEnable ??= value; }
    [JsonInclude, JsonPropertyName("consume_from_min_enable"), JsonConverter(typeof(FlexibleBooleanConverter))] internal bool? ConsumeFromMinEnableSdk { get => null; set => ConsumeFromMinEnable ??= value; }
    [JsonInclude, JsonPropertyName("notify_consumer_ids_changed_enable"), JsonConverter(typeof(FlexibleBooleanConverter))] internal bool? NotifyConsumerIdsChangedEnableSdk { get => null; set => NotifyConsumerIdsChangedEnable ??= value; }
    [JsonInclude, JsonPropertyName("retry_max_times"), JsonConverter(typeof(FlexibleInt64Converter))] internal long? RetryMaxTimesSdk { get => null; set => RetryMaxTimes ??= value; }
    [JsonInclude, JsonPropertyName("retry_queue_nums"), JsonConverter(typeof(FlexibleInt64Converter))] internal long? RetryQueueNumsSdk { get => null; set => RetryQueueNums ??= value; }
    [JsonInclude, JsonPropertyName("which_broker_when_consume_slow"), JsonConverter(typeof(FlexibleInt64Converter))] internal long? WhichBrokerWhenConsumeSlowSdk { get => null; set => WhichBrokerWhenConsumeSlow ??= value; }

    public override string ToString() => GroupName ?? string.Empty;
}
