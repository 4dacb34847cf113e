using System.Text.Json.Serialization;
using MigrationTools.Core.Models;

namespace MigrationTools.Core.Json;

// The envelopes the APIs answer with. Items deserialize straight into the public models. The list of a page is
// [JsonRequired]: an answer without it ({}, or a gateway's error inside a 200) is an error, never an empty listing.

/// <summary>A page whose list may hold JSON nulls: the read path drops them, with one warning per page.</summary>
internal interface IRecordPage
{
    /// <summary>The list's JSON name, for the warning.</summary>
    string RecordsField { get; }
    /// <summary>Removes null entries from the list; returns how many there were.</summary>
    int RemoveNullRecords();
}

internal static class RecordLists
{
    public static int RemoveNulls<T>(List<T>? list) where T : class => list?.RemoveAll(item => item is null) ?? 0;
}

internal sealed class DcsMigrationTaskPage : IRecordPage
{
    [JsonPropertyName("count"), JsonConverter(typeof(FlexibleInt64Converter))] public long? Count { get; set; }
    [JsonPropertyName("migration_tasks"), JsonRequired] public List<DcsMigrationTask>? MigrationTasks { get; set; }
    string IRecordPage.RecordsField => "migration_tasks";
    int IRecordPage.RemoveNullRecords() => RecordLists.RemoveNulls(MigrationTasks);
}

internal sealed class RocketMqMigrationTaskPage : IRecordPage
{
    [JsonPropertyName("total"), JsonConverter(typeof(FlexibleInt64Converter))] public long? Total { get; set; }
    [JsonPropertyName("task"), JsonRequired] public List<RocketMqMigrationTask>? Task { get; set; }
    string IRecordPage.RecordsField => "task";
    int IRecordPage.RemoveNullRecords() => RecordLists.RemoveNulls(Task);
}

internal sealed class RdsBackupMigrationJobPage : IRecordPage
{
    [JsonPropertyName("count"), JsonConverter(typeof(FlexibleInt64Converter))] public long? Count { get; set; }
    [JsonPropertyName("jobs"), JsonRequired] public List<RdsBackupMigrationJob>? Jobs { get; set; }
    string IRecordPage.RecordsField => "jobs";
    int IRecordPage.RemoveNullRecords() => RecordLists.RemoveNulls(Jobs);
}

internal sealed class RocketMqInstancePage : IRecordPage
{
    [JsonPropertyName("instance_num"), JsonConverter(typeof(FlexibleInt64Converter))] public long? InstanceNum { get; set; }
    [JsonPropertyName("instances"), JsonRequired] public List<RocketMqInstance>? Instances { get; set; }
    string IRecordPage.RecordsField => "instances";
    int IRecordPage.RemoveNullRecords() => RecordLists.RemoveNulls(Instances);
}

/// <summary>The RocketMQ metadata API's answer when asked for one task (?id=): metadata as a JSON string.</summary>
internal sealed class RocketMqMigrationTaskDetailWire
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("start_date"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? StartDate { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("json_content")] public string? JsonContent { get; set; }
    /// <summary>With type=vhost|exchange|queue the list in json_content is paged; this is its unpaged size.</summary>
    [JsonPropertyName("total"), JsonConverter(typeof(FlexibleInt64Converter))] public long? Total { get; set; }
    [JsonPropertyName("result")] public string? Result { get; set; }
}

/// <summary>What json_content holds: the metadata submitted with the task (CreateRocketMqMigrationTask's body).</summary>
internal sealed class RocketMqMetadataContent
{
    [JsonPropertyName("vhosts")] public List<RabbitMqVhost>? Vhosts { get; set; }
    [JsonPropertyName("exchanges")] public List<RabbitMqExchange>? Exchanges { get; set; }
    [JsonPropertyName("queues")] public List<RabbitMqQueue>? Queues { get; set; }
    [JsonPropertyName("bindings")] public List<RabbitMqBinding>? Bindings { get; set; }
    /// <summary>camelCase: RocketMQ's own metadata export; snake_case: the SDKs' CreateRocketMqMigrationTaskReq.</summary>
    [JsonPropertyName("topicConfigTable")] public Dictionary<string, RocketMqTopicConfig>? TopicConfigTable { get; set; }
    [JsonPropertyName("subscriptionGroupTable")] public Dictionary<string, RocketMqSubscriptionGroup>? SubscriptionGroupTable { get; set; }
    [JsonPropertyName("topic_config_table")] public Dictionary<string, RocketMqTopicConfig>? TopicConfigTableSdk { get; set; }
    [JsonPropertyName("subscription_group_table")] public Dictionary<string, RocketMqSubscriptionGroup>? SubscriptionGroupTableSdk { get; set; }
    [JsonIgnore] public Dictionary<string, RocketMqTopicConfig>? Topics => TopicConfigTable ?? TopicConfigTableSdk;
    [JsonIgnore] public Dictionary<string, RocketMqSubscriptionGroup>? Groups => SubscriptionGroupTable ?? SubscriptionGroupTableSdk;
}

internal sealed class IamProjectList : IRecordPage
{
    [JsonPropertyName("projects"), JsonRequired] public List<IamProject>? Projects { get; set; }
    string IRecordPage.RecordsField => "projects";
    int IRecordPage.RemoveNullRecords() => RecordLists.RemoveNulls(Projects);
}

internal sealed class IamProject
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("domain_id")] public string? DomainId { get; set; }
    [JsonPropertyName("enabled"), JsonConverter(typeof(FlexibleBooleanConverter))] public bool? Enabled { get; set; }
}

/// <summary>ECS metadata /openstack/latest/securitykey.</summary>
internal sealed class MetadataSecurityKey
{
    [JsonPropertyName("credential")] public MetadataCredential? Credential { get; set; }
}

internal sealed class MetadataCredential
{
    [JsonPropertyName("access")] public string? Access { get; set; }
    [JsonPropertyName("secret")] public string? Secret { get; set; }
    [JsonPropertyName("securitytoken")] public string? SecurityToken { get; set; }
    [JsonPropertyName("expires_at"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? ExpiresAt { get; set; }
}

/// <summary>Source-generated serializers for every type the module reads (no reflection; trims and loads fast).</summary>
[JsonSourceGenerationOptions(Converters = new[] { typeof(FlexibleStringConverter) })]
[JsonSerializable(typeof(DcsMigrationTaskPage))]
[JsonSerializable(typeof(DcsMigrationTaskDetail))]
[JsonSerializable(typeof(DcsMigrationStats))]
[JsonSerializable(typeof(RocketMqMigrationTaskPage))]
[JsonSerializable(typeof(RocketMqInstancePage))]
[JsonSerializable(typeof(RocketMqMigrationTaskDetailWire))]
[JsonSerializable(typeof(RocketMqMetadataContent))]
[JsonSerializable(typeof(RdsBackupMigrationJobPage))]
[JsonSerializable(typeof(RdsBackupMigrationJobDetail))]
[JsonSerializable(typeof(List<RdsBackupFile>))]
[JsonSerializable(typeof(List<RdsTag>))]
[JsonSerializable(typeof(IamProjectList))]
[JsonSerializable(typeof(MetadataSecurityKey))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<DcsBackupFile>))]
internal sealed partial class MigrationJsonContext : JsonSerializerContext
{
}
