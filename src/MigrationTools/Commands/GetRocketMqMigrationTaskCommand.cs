using System.Management.Automation;
using MigrationTools.CmdletBases;
using MigrationTools.Completion;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Http;
using MigrationTools.Core.Models;
using MigrationTools.Errors;
using MigrationTools.Parameters;

namespace MigrationTools.Commands;

/// <summary>Lists the metadata migration tasks of RocketMQ instances, or gets the given tasks with their
/// metadata.</summary>
/// <remarks>
/// <para>Get-RocketMqMigrationTask lists the metadata migration tasks of Distributed Message Service for RocketMQ
/// instances, with the API GET /v2/{project_id}/instances/{instance_id}/metadata. Each task is a RocketMqMigrationTask
/// object: id, name, start time (UTC DateTime), status (creating, starting, failed, finished) and type (rocketmq for
/// RocketMQ to RocketMQ, rabbitToRocket for RabbitMQ to RocketMQ).</para>
/// <para>With -InstanceId, the tasks of that instance are listed. Without it, the tasks of every RocketMQ instance of
/// the project are listed, instance after instance: the instances are found with DMS ListInstances, engine rocketmq
/// as Huawei's SDKs spell it since 2024, or reliability, its older name, when the service refuses rocketmq or finds
/// no RocketMQ instance with it (one more request); only instances whose engine is rocketmq or reliability are asked
/// for tasks (Kafka and RabbitMQ instances never are), and each task carries its InstanceId. -First, -Skip
/// and -IncludeTotalCount then apply to the whole listing, not to each instance: an instance whose tasks all fall
/// inside -Skip costs one small request and none of its tasks are fetched.</para>
/// <para>With -TaskId (and -InstanceId, or tasks piped in), the same API is called with the task id, and each task
/// comes back as a RocketMqMigrationTaskDetail object with its metadata parsed from the service's json_content:
/// RabbitMQ Vhosts, Exchanges, Queues and Bindings for rabbitToRocket tasks; RocketMQ Topics and SubscriptionGroups
/// for rocketmq tasks. Topics and groups are read in either spelling: RocketMQ's own camelCase (topicConfigTable,
/// readQueueNums...) or the snake_case of the SDKs' CreateRocketMqMigrationTaskReq (topic_config_table,
/// read_queue_nums...). -Type narrows the metadata to vhosts, exchanges or queues, and -Name says which vhost (for
/// exchanges) or which vhost-exchange (for queues); narrowed lists come a page at a time from the service, and the
/// module requests and merges every page. What -Type and -Name ask for is what is written, whatever the service
/// sent: the other lists are left empty, and MetadataType says which list the object holds (all when not
/// narrowed). -InstanceId and -TaskId bind by property name, so piping a listing back
/// into the cmdlet gets those tasks with their metadata.</para>
/// </remarks>
[Cmdlet(VerbsCommon.Get, "RocketMqMigrationTask", SupportsPaging = true)]
[OutputType(typeof(RocketMqMigrationTask), typeof(RocketMqMigrationTaskDetail))]
public sealed class GetRocketMqMigrationTaskCommand : HuaweiCloudListCmdlet
{
    /// <summary>The id of the RocketMQ instance whose migration tasks to list or get. Without it, the tasks of every
    /// RocketMQ instance of the project are listed. Bound by property name, so RocketMqMigrationTask objects piped
    /// back into the cmdlet keep their instance. An instance that does not exist gives DMS.00404022 (ObjectNotFound).
    /// Sent as one escaped path segment; an empty, blank or dot id is refused (InvalidId) before any request. Press
    /// Tab to complete the ids of the project's RocketMQ instances.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RocketMqInstanceIdCompleter))]
    public string? InstanceId { get; set; }

    /// <summary>The ids of the tasks to get with their metadata, as RocketMqMigrationTaskDetail objects. Bound by
    /// property name from piped objects. A task that does not exist (DMS.00405011) is reported as a non-terminating
    /// error and the other ids go on. Without -TaskId the cmdlet lists the tasks of the instance.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RocketMqTaskIdCompleter))]
    public string[]? TaskId { get; set; }

    /// <summary>With -TaskId: which metadata to get (the API's type parameter): vhost (RabbitMQ virtual hosts),
    /// exchange, queue, or all. vhost, exchange and queue return only that list (every page of it merged), whatever
    /// the service sent: a rocketmq task, whose service ignores the type, then has none of its topics and groups.
    /// Without -TaskId
    /// (or piped tasks) it is refused with the error TaskIdRequired, before any request: the task list is not
    /// filtered by it.</summary>
    /// <value>all</value>
    [Parameter]
    [ApiValues(typeof(RocketMqApi), nameof(RocketMqApi.QueryTypes))]
    [ArgumentCompleter(typeof(ApiValuesCompleter))]
    public string? Type { get; set; }

    /// <summary>With -TaskId and -Type: which part of the metadata to get (the API's name parameter). For -Type
    /// exchange, the name of the vhost the exchanges belong to; for -Type queue, the vhost and exchange joined by a
    /// hyphen, for example vhost1-exchange1; for -Type vhost, leave it out. Without -TaskId (or piped tasks) it is
    /// refused with the error TaskIdRequired, before any request: the task list is not filtered by it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    internal override IListApi Listing => RocketMqApi.MigrationTasks;

    protected override void ProcessRecord()
    {
        if (TaskId is not { Length: > 0 } && (Type is not null || Name is not null))
        {
            // They narrow one task's metadata (the API reads them with id only): never drop them silently on a listing.
            ThrowTerminatingError(ErrorRecords.From(new HuaweiCloudConfigurationException("TaskIdRequired", Type is not null ? nameof(Type) : nameof(Name),
                $"-{(Type is not null ? nameof(Type) : nameof(Name))} narrows the metadata of a task: give -TaskId too (or pipe tasks in). " +
                "Without -TaskId the cmdlet lists the instance's tasks, which these parameters do not filter."), InstanceId));
        }
        // The instance id is a path segment (the core's rule), checked before the first request; so are the task ids.
        if (InstanceId is not null) RunTerminating(() => ApiRequest.ValidateSegment(InstanceId, nameof(InstanceId)));
        if (TaskId is { Length: > 0 })
        {
            if (string.IsNullOrEmpty(InstanceId))
            {
                ThrowTerminatingError(ErrorRecords.From(new HuaweiCloudConfigurationException("InstanceIdRequired", nameof(InstanceId),
                    "-TaskId needs the task's -InstanceId (or pipe tasks in: they carry their InstanceId)."), TaskId));
            }
            WriteByIds(PagedIds(TaskId, nameof(TaskId)), (client, id) => RocketMqApi.GetMigrationTask(client, InstanceId!, id, Type, Name));
            return;
        }
        if (string.IsNullOrEmpty(InstanceId))
            WriteAll((client, paging) => RocketMqApi.ListAllMigrationTasks(client, paging));
        else
            WriteAll((client, paging) => RocketMqApi.ListMigrationTasks(client, InstanceId!, paging));
    }
}
