namespace MigrationTools.Core.Models;

/// <summary>
/// One RocketMQ metadata migration task with its metadata. The service sends the metadata as a JSON string
/// (json_content); it arrives here parsed: RabbitMQ vhosts, exchanges, queues and bindings for rabbitToRocket
/// tasks, RocketMQ topics and subscription groups for rocketmq tasks.
/// </summary>
public sealed class RocketMqMigrationTaskDetail : IRegionalResource
{
    public string? TaskId { get; set; }
    public string? TaskName { get; set; }
    public DateTime? StartDate { get; set; }
    public string? Status { get; set; }
    public string? Type { get; set; }
    /// <summary>Which metadata was asked for (-Type): vhost, exchange or queue hold only that list; all holds everything.</summary>
    public string? MetadataType { get; set; }
    public ReadableList<RabbitMqVhost> Vhosts { get; set; } = ReadableList<RabbitMqVhost>.Empty;
    public ReadableList<RabbitMqExchange> Exchanges { get; set; } = ReadableList<RabbitMqExchange>.Empty;
    public ReadableList<RabbitMqQueue> Queues { get; set; } = ReadableList<RabbitMqQueue>.Empty;
    public ReadableList<RabbitMqBinding> Bindings { get; set; } = ReadableList<RabbitMqBinding>.Empty;
    public ReadableList<RocketMqTopicConfig> Topics { get; set; } = ReadableList<RocketMqTopicConfig>.Empty;
    public ReadableList<RocketMqSubscriptionGroup> SubscriptionGroups { get; set; } = ReadableList<RocketMqSubscriptionGroup>.Empty;
    /// <summary>The migration result as the service reports it (free text or JSON; not documented).</summary>
    public string? Result { get; set; }

    public string? InstanceId { get; set; }
    public string? Region { get; set; }
    public string? ProjectId { get; set; }

    public override string ToString() => TaskName ?? TaskId ?? string.Empty;
}
