namespace MigrationTools.Emulator;

public sealed record RabbitBinding(string Vhost, string Source, string Destination, string DestinationType, string RoutingKey);
