namespace MigrationTools.Emulator;

public sealed record RabbitExchange(string Vhost, string Name, string Type, bool Durable);
