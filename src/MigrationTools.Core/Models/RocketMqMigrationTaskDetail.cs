using MigrationTools.Core.Formatting;

namespace MigrationTools.Core.Models;

/// <summary>
/// One RocketMQ metadata migration task with its metadata. The service sends the metadata as a JSON string
/// (json_content); it arrives here parsed: RabbitMQ vhosts, exchanges, queues and bindings for rabbitToRocket
/// tasks, RocketMQ topics and subscription groups for rocketmq tasks.
/// </summary>
[CountsColumn(4, 46, "Metadata", Wrap = true)]
public sealed class RocketMqMigrationTaskDetail : IRegionalResource
{
    [ListItem(1)]
    public string? TaskId { get; set; }
    [TableColumn(1, 15), ListItem(2)]
    public string? TaskName { get; set; }
    [ListItem(5)]
    public DateTime? StartDate { get; set; }
    [TableColumn(2, 8), ListItem(3)]
    public string? Status { get; set; }
    [TableColumn(3, 8, Label = "Source", Renames = new[] { "rabbitToRocket=RabbitMQ", "rocketmq=RocketMQ" }), ListItem(4)]
    public string? Type { get; set; }
    /// <summary>Which metadata was asked for (-Type): vhost, exchange or queue hold only that list; all holds everything.</summary>
    [ListItem(6)]
    public string? MetadataType { get; set; }
    [ListItem(7, NarrowedBy = nameof(MetadataType), KeptWhen = "vhost"), Counted(1, "vhosts")]
    public ReadableList<RabbitMqVhost> Vhosts { get; set; } = ReadableList<RabbitMqVhost>.Empty;
    [ListItem(8, NarrowedBy = nameof(MetadataType), KeptWhen = "exchange"), Counted(2, "exchanges")]
    public ReadableList<RabbitMqExchange> Exchanges { get; set; } = ReadableList<RabbitMqExchange>.Empty;
    [ListItem(9, NarrowedBy = nameof(MetadataType), KeptWhen = "queue"), Counted(3, "queues")]
    public ReadableList<RabbitMqQueue> Queues { get; set; } = ReadableList<RabbitMqQueue>.Empty;
    [ListItem(10, NarrowedBy = nameof(MetadataType)), Counted(4, "bindings")]
    public ReadableList<RabbitMqBinding> Bindings { get; set; } = ReadableList<RabbitMqBinding>.Empty;
    [ListItem(11, NarrowedBy = nameof(MetadataType)), Counted(5, "topics")]
    public ReadableList<RocketMqTopicConfig> Topics { get; set; } = ReadableList<RocketMqTopicConfig>.Empty;
    [ListItem(12, NarrowedBy = nameof(MetadataType)), Counted(6, "groups")]
    public ReadableList<RocketMqSubscriptionGroup> SubscriptionGroups { get; set; } = ReadableList<RocketMqSubscriptionGroup>.Empty;
    /// <summary>The migration result as the service reports it (free text or JSON; not documented).</summary>
    [ListItem(13)]
    public string? Result { get; set; }

    [ListItem(14)]
    public string? InstanceId { get; set; }
    [ListItem(15)]
    public string? Region { get; set; }
    [ListItem(16)]
    public string? ProjectId { get; set; }

    public override string ToString() => TaskName ?? TaskId ?? string.Empty;
}
