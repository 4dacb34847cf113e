using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

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
