using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MigrationTools.Core.Models;

namespace MigrationTools.Core.Json;

// The answers the module reads that are not an API's records: IAM's project list, ECS metadata's keys, RocketMQ's
// metadata detail. An API's pages are RecordPage<T>, described from its ListApi; its records and details are
// registered in the service's own context (Apis/<Service>Api.cs).

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

/// <summary>
/// Source-generated serializers (no reflection; trims and loads fast) for the answers above, and the module's JSON
/// options: every service's context of records reads with them (<see cref="OptionsFor"/>).
/// </summary>
[JsonSourceGenerationOptions(Converters = new[] { typeof(FlexibleStringConverter) })]
[JsonSerializable(typeof(RocketMqMigrationTaskDetailWire))]
[JsonSerializable(typeof(RocketMqMetadataContent))]
[JsonSerializable(typeof(IamProjectList))]
[JsonSerializable(typeof(MetadataSecurityKey))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(long?))] // the total of every RecordPage
internal sealed partial class MigrationJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Options that read the types of <paramref name="context"/> as this context reads its own (its converters), and
    /// what every service shares from this one (a page's total, lists of text).
    /// </summary>
    internal static JsonSerializerOptions OptionsFor(IJsonTypeInfoResolver context) =>
        new(Default.Options) { TypeInfoResolver = JsonTypeInfoResolver.Combine(context, Default) };
}
