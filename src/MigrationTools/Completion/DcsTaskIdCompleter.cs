using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Connection;
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
