using System.Management.Automation;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;
using MigrationTools.Infrastructure;

namespace MigrationTools.Commands;

/// <summary>Lists the metadata migration tasks of RocketMQ instances, or returns the given tasks with their metadata.</summary>
/// <remarks>
/// With -InstanceId, the tasks of that instance are listed. Without it, the tasks of every RocketMQ instance of the
/// project are listed, instance after instance: the instances are found with DMS ListInstances (engine
/// reliability; Kafka and RabbitMQ instances are never asked), and each task carries its InstanceId. -First, -Skip
/// and -IncludeTotalCount then apply to the whole listing, not to each instance: an instance whose tasks all fall
/// inside -Skip costs one small request and none of its tasks are fetched.
///
/// With -TaskId (and -InstanceId, or tasks piped in), each task is returned with its metadata.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "RocketMqMigrationTask", SupportsPaging = true)]
[OutputType(typeof(RocketMqMigrationTask), typeof(RocketMqMigrationTaskDetail))]
public sealed class GetRocketMqMigrationTaskCommand : HuaweiCloudListCmdlet
{
    /// <summary>The RocketMQ instance; bound from piped objects. Without it, every RocketMQ instance of the project is listed. Sent as one escaped path segment; an empty, blank or dot id is refused (InvalidId) before any request.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RocketMqInstanceIdCompleter))]
    public string? InstanceId { get; set; }

    /// <summary>Return these tasks with their metadata (vhosts, exchanges, queues, bindings, topics, groups).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RocketMqTaskIdCompleter))]
    public string[]? TaskId { get; set; }

    /// <summary>What metadata to query: vhost, exchange, queue or all.</summary>
    [Parameter]
    [ValidateSet("vhost", "exchange", "queue", "all")]
    public string? Type { get; set; }

    /// <summary>The vhost (for exchanges) or "vhost-exchange" (for queues) whose metadata to query.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override CloudService Service => CloudService.RocketMq;

    internal override PagingRule PagingRule => RocketMqApi.MigrationTaskPaging;

    protected override void ProcessRecord()
    {
        if (TaskId is not { Length: > 0 } && (Type is not null || Name is not null))
        {
            // They narrow one task's metadata (the API reads them with id only): never drop them silently on a listing.
            ThrowTerminatingError(ErrorRecords.From(new HuaweiCloudConfigurationException("TaskIdRequired", Type is not null ? nameof(Type) : nameof(Name),
                $"-{(Type is not null ? nameof(Type) : nameof(Name))} narrows the metadata of a task: give -TaskId too (or pipe tasks in). " +
                "Without -TaskId the cmdlet lists the instance's tasks, which these parameters do not filter."), InstanceId));
        }
        // The instance id is a path segment (the core's rule), checked before the first request; task ids travel in the query.
        if (InstanceId is not null) RunTerminating(() => ApiRequest.ValidateSegment(InstanceId, nameof(InstanceId)));
        if (TaskId is { Length: > 0 })
        {
            if (string.IsNullOrEmpty(InstanceId))
            {
                ThrowTerminatingError(ErrorRecords.From(new HuaweiCloudConfigurationException("InstanceIdRequired", nameof(InstanceId),
                    "-TaskId needs the task's -InstanceId (or pipe tasks in: they carry their InstanceId)."), TaskId));
            }
            foreach (var id in TaskId) RunForEach(() => WriteObject(RocketMqApi.GetMigrationTask(Client, InstanceId!, id, Type, Name)), id);
            return;
        }
        if (string.IsNullOrEmpty(InstanceId))
            WriteAll(() => RocketMqApi.ListAllMigrationTasks(Client, PageOptions()));
        else
            WriteAll(() => RocketMqApi.ListMigrationTasks(Client, InstanceId!, PageOptions()));
    }
}
