using System.Management.Automation;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;
using MigrationTools.Infrastructure;

namespace MigrationTools.Commands;

/// <summary>Lists the metadata migration tasks of a RocketMQ instance, or returns the given tasks with their metadata.</summary>
[Cmdlet(VerbsCommon.Get, "RocketMqMigrationTask", SupportsPaging = true)]
[OutputType(typeof(RocketMqMigrationTask), typeof(RocketMqMigrationTaskDetail))]
public sealed class GetRocketMqMigrationTaskCommand : HuaweiCloudListCmdlet
{
    /// <summary>The RocketMQ instance; bound from piped objects. Sent as one escaped path segment; an empty, blank or dot id is refused (InvalidId) before any request.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string InstanceId { get; set; } = string.Empty;

    /// <summary>Return these tasks with their metadata (vhosts, exchanges, queues, bindings, topics, groups).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
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
        RunTerminating(() => ApiRequest.ValidateSegment(InstanceId, nameof(InstanceId)));
        if (TaskId is { Length: > 0 })
        {
            foreach (var id in TaskId) RunForEach(() => WriteObject(RocketMqApi.GetMigrationTask(Client, InstanceId, id, Type, Name)), id);
            return;
        }
        WriteAll(() => RocketMqApi.ListMigrationTasks(Client, InstanceId, PageOptions()));
    }
}
