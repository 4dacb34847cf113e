using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Paging;

namespace MigrationTools.Completion;

/// <summary>Completes -JobId with the project's RDS backup migration jobs.</summary>
public sealed class RdsBackupMigrationJobIdCompleter : IdCompleter
{
    internal override CloudService Service => CloudService.Drs;

    internal override IEnumerable<CompletableId> List(HuaweiCloudClient client, IDictionary<string, object?> bound, PageOptions firstIds) =>
        DrsApi.ListBackupMigrationJobs(client, new RdsBackupMigrationJobFilter(), firstIds).Where(j => j.JobId is not null).Select(j => new CompletableId(j.JobId!, j.Name, j.Status));
}
