namespace MigrationTools.Emulator;

/// <summary>A DMS instance of another engine than RocketMQ (engine kafka or rabbitmq).</summary>
public sealed record DmsOtherInstance(string InstanceId, string Name, string Engine, string EngineVersion);
