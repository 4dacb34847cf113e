using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Json;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;

namespace MigrationTools.Core.Apis;

/// <summary>Distributed Message Service for RocketMQ metadata migration APIs (host dms).</summary>
public static class RocketMqApi
{
    /// <summary>The query types the page lists for -Type.</summary>
    public static readonly string[] QueryTypes = { "vhost", "exchange", "queue", "all" };

    /// <summary>
    /// ListRocketMqMigrationTask: here offset is a PAGE NUMBER starting at 1 ("Current page, starting from 1").
    /// The page gives no range for limit; 1-1000 is assumed.
    /// </summary>
    internal static readonly ListApi<RocketMqMigrationTaskPage, RocketMqMigrationTask> MigrationTasks = new(
        "RocketMQ ListRocketMqMigrationTask", CloudService.RocketMq,
        new PagingRule(OffsetKind.PageNumber, minLimit: 1, maxLimit: 1000, defaultLimit: 100),
        MigrationJsonContext.Default.RocketMqMigrationTaskPage,
        page => page.Task, page => page.Total, task => task.TaskId);

    /// <summary>The paging rule of ListRocketMqMigrationTask (the range -PageSize accepts).</summary>
    public static PagingRule MigrationTaskPaging => MigrationTasks.Paging;

    public static IEnumerable<RocketMqMigrationTask> ListMigrationTasks(HuaweiCloudClient client, string instanceId, PageOptions paging) =>
        MigrationTasks.List(client, () => new ApiRequest(CloudService.RocketMq, MigrationTasks.Operation, PathOf(client, instanceId)), paging,
            task => task.InstanceId = instanceId);

    /// <summary>The same API with ?id=: one task, whose metadata (json_content, a JSON string) is parsed.</summary>
    /// <param name="type">vhost, exchange, queue or all (needed for rabbitToRocket tasks, ignored for rocketmq ones).</param>
    /// <param name="name">For exchanges, the vhost; for queues, "vhost-exchange".</param>
    public static RocketMqMigrationTaskDetail GetMigrationTask(HuaweiCloudClient client, string instanceId, string taskId, string? type, string? name)
    {
        const string operation = "RocketMQ ListRocketMqMigrationTask (task detail)";
        var request = new ApiRequest(CloudService.RocketMq, operation, PathOf(client, instanceId))
            .With("id", taskId)
            .With("type", type ?? "all")
            .With("name", name);
        var wire = client.Send(request, MigrationJsonContext.Default.RocketMqMigrationTaskDetailWire);

        RocketMqMetadataContent content;
        try
        {
            content = string.IsNullOrWhiteSpace(wire.JsonContent)
                ? new RocketMqMetadataContent()
                : JsonSerializer.Deserialize(wire.JsonContent!, MigrationJsonContext.Default.RocketMqMetadataContent) ?? new RocketMqMetadataContent();
        }
        catch (JsonException ex)
        {
            throw new MalformedResponseException(operation, HttpStatusCode.OK, MalformedKind.UnexpectedJson,
                $"its json_content is not the metadata JSON the API describes{(string.IsNullOrEmpty(ex.Path) ? "" : " at " + ex.Path)}.",
                HuaweiCloudClient.BodyStart(wire.JsonContent!), null, ex);
        }

        var detail = new RocketMqMigrationTaskDetail
        {
            TaskId = wire.Id ?? taskId,
            TaskName = wire.Name,
            StartDate = wire.StartDate,
            Status = wire.Status,
            Type = wire.Type,
            Result = wire.Result,
            InstanceId = instanceId,
            Vhosts = new ReadableList<RabbitMqVhost>(content.Vhosts),
            Exchanges = new ReadableList<RabbitMqExchange>(content.Exchanges),
            Queues = new ReadableList<RabbitMqQueue>(content.Queues),
            Bindings = new ReadableList<RabbitMqBinding>(content.Bindings),
            // The tables are keyed by name; the name is also inside each entry, but fill it in when it is not.
            Topics = new ReadableList<RocketMqTopicConfig>(content.TopicConfigTable?.Select(kv => { kv.Value.TopicName ??= kv.Key; return kv.Value; })),
            SubscriptionGroups = new ReadableList<RocketMqSubscriptionGroup>(content.SubscriptionGroupTable?.Select(kv => { kv.Value.GroupName ??= kv.Key; return kv.Value; })),
        };
        return ApiHelpers.Stamp(client, detail);
    }

    private static string PathOf(HuaweiCloudClient client, string instanceId) =>
        $"/v2/{ApiHelpers.ProjectSegment(client)}/instances/{ApiRequest.Segment(instanceId)}/metadata";
}
