using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Paging;

namespace MigrationTools.Completion;

/// <summary>Completes -TaskId of the RocketMQ cmdlets: the tasks of -InstanceId, or of every RocketMQ instance.</summary>
public sealed class RocketMqTaskIdCompleter : IdCompleter
{
    internal override CloudService Service => CloudService.RocketMq;

    internal override string Scope(IDictionary<string, object?> bound) => Text(bound, "InstanceId") ?? string.Empty;

    internal override IEnumerable<CompletableId> List(HuaweiCloudClient client, IDictionary<string, object?> bound, PageOptions firstIds)
    {
        var instance = Text(bound, "InstanceId");
        var tasks = instance is null ? RocketMqApi.ListAllMigrationTasks(client, firstIds) : RocketMqApi.ListMigrationTasks(client, instance, firstIds);
        return tasks.Where(t => t.TaskId is not null).Select(t => new CompletableId(t.TaskId!, t.TaskName, t.Status));
    }
}
