namespace MigrationTools.Emulator;

/// <summary>A metadata migration task. <see cref="JsonContent"/> is the full metadata (the json_content string).</summary>
public sealed record RocketMqMigrationTask(
    string Id, string Name, string StartDate, string Status, string Type,
    IReadOnlyList<string> Vhosts, IReadOnlyList<RabbitExchange> Exchanges, IReadOnlyList<RabbitQueue> Queues,
    IReadOnlyList<RabbitBinding> Bindings, IReadOnlyList<string> Topics, IReadOnlyList<string> Groups, string JsonContent);
