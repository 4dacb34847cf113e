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

/// <summary>What a service does with an engine value it does not know.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnknownEngineAnswer>))]
public enum UnknownEngineAnswer
{
    /// <summary>400 DMS.00400001 naming the engine.</summary>
    Error,
    /// <summary>200 with no instance.</summary>
    Empty,
}

/// <summary>The spelling of the RocketMQ topics and groups inside json_content.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JsonContentSpelling>))]
public enum JsonContentSpelling
{
    /// <summary>topicConfigTable/topicName...: RocketMQ's own metadata export.</summary>
    CamelCase,
    /// <summary>topic_config_table/topic_name...: the SDKs' CreateRocketMqMigrationTaskReq.</summary>
    SnakeCase,
}

/// <summary>Which of the forms a real service may answer in the emulator serves (PUT /_emulator/behaviour,
/// --rocketmq-engine, --unknown-engine, --json-content). Undocumented differences between service versions, not
/// faults: every form is one the module must read.</summary>
public sealed class ServiceBehaviour
{
    private volatile int _engine, _unknown, _spelling;

    public RocketMqEngineSpelling RocketMqEngine { get => (RocketMqEngineSpelling)_engine; set => _engine = (int)value; }
    public UnknownEngineAnswer UnknownEngine { get => (UnknownEngineAnswer)_unknown; set => _unknown = (int)value; }
    public JsonContentSpelling JsonContent { get => (JsonContentSpelling)_spelling; set => _spelling = (int)value; }

    public void Reset() { RocketMqEngine = default; UnknownEngine = default; JsonContent = default; }

    internal void CopyFrom(ServiceBehaviour other)
    {
        RocketMqEngine = other.RocketMqEngine; UnknownEngine = other.UnknownEngine; JsonContent = other.JsonContent;
    }

    internal BehaviourSnapshot Snapshot() => new(RocketMqEngine, UnknownEngine, JsonContent);

    /// <summary>The engine the instances answer with.</summary>
    internal string InstanceEngine => RocketMqEngine == RocketMqEngineSpelling.Reliability ? "reliability" : "rocketmq";

    /// <summary>Whether the service knows this value of ListInstances' engine as RocketMQ.</summary>
    internal bool KnowsAsRocketMq(string engine) => RocketMqEngine switch
    {
        RocketMqEngineSpelling.RocketMq => engine == "rocketmq",
        RocketMqEngineSpelling.Reliability => engine == "reliability",
        _ => engine is "rocketmq" or "reliability",
    };
}

/// <summary>The JSON shape of GET|PUT /_emulator/behaviour.</summary>
internal sealed record BehaviourSnapshot(RocketMqEngineSpelling RocketMqEngine, UnknownEngineAnswer UnknownEngine, JsonContentSpelling JsonContent);
