using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Paging;

namespace MigrationTools.Completion;

/// <summary>Completes -TaskId of the DCS cmdlets with the project's migration tasks.</summary>
public sealed class DcsTaskIdCompleter : IdCompleter
{
    internal override CloudService Service => CloudService.Dcs;

    internal override IEnumerable<CompletableId> List(HuaweiCloudClient client, IDictionary<string, object?> bound, PageOptions firstIds) =>
        DcsApi.ListMigrationTasks(client, null, firstIds).Where(t => t.TaskId is not null).Select(t => new CompletableId(t.TaskId!, t.TaskName, t.Status));
}
