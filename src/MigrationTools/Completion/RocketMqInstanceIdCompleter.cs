using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Paging;

namespace MigrationTools.Completion;

/// <summary>Completes -InstanceId of the RocketMQ cmdlets with the project's RocketMQ instances.</summary>
public sealed class RocketMqInstanceIdCompleter : IdCompleter
{
    internal override CloudService Service => CloudService.RocketMq;

    internal override IEnumerable<CompletableId> List(HuaweiCloudClient client, IDictionary<string, object?> bound, PageOptions firstIds) =>
        RocketMqApi.ListInstances(client, firstIds).Select(i => new CompletableId(i.InstanceId!, i.Name, i.Status));
}
