using System.Text.Json.Serialization;

namespace MigrationTools.Emulator;

/// <summary>How DMS spells the RocketMQ engine: the SDKs say rocketmq since 2024 (reliability being its alias);
/// older services know only reliability.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RocketMqEngineSpelling>))]
public enum RocketMqEngineSpelling
{
    /// <summary>Instances answer engine "rocketmq"; engine=rocketmq and engine=reliability both filter to them (the SDKs' description).</summary>
    Both,
    /// <summary>A new service: instances answer "rocketmq"; engine=reliability is unknown.</summary>
    RocketMq,
    /// <summary>An old service: instances answer "reliability"; engine=rocketmq is unknown.</summary>
    Reliability,
}
