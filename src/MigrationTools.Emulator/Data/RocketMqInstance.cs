namespace MigrationTools.Emulator;

public sealed record RocketMqInstance(string InstanceId, string Name, IReadOnlyList<RocketMqMigrationTask> Tasks);
