namespace MigrationTools.Emulator;

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
