namespace MigrationTools.Emulator;

public sealed record RabbitQueue(string Vhost, string Name, bool Durable);
