using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

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
