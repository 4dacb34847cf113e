using System.Text.Json.Serialization;

namespace MigrationTools.Emulator;

/// <summary>The spelling of the RocketMQ topics and groups inside json_content.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JsonContentSpelling>))]
public enum JsonContentSpelling
{
    /// <summary>topicConfigTable/topicName...: RocketMQ's own metadata export.</summary>
    CamelCase,
    /// <summary>topic_config_table/topic_name...: the SDKs' CreateRocketMqMigrationTaskReq.</summary>
    SnakeCase,
}
