using System.Management.Automation;
using MigrationTools.CmdletBases;
using MigrationTools.Completion;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Models;

namespace MigrationTools.Commands;

/// <summary>Lists the DCS (Redis) migration tasks of a project, or gets the given tasks in full.</summary>
/// <remarks>
/// <para>Get-DcsMigrationTask lists the data migration tasks of Distributed Cache Service (DCS for Redis) in one
/// project and region, with the API ListMigrationTask (GET /v2/{project_id}/migration-tasks). Each task is a
/// DcsMigrationTask object: typed properties, times as UTC DateTime, ready for Where-Object, Sort-Object,
/// Format-Table and Export-Csv. Tasks come in the service's order and are written as each page arrives.</para>
/// <para>With -Name, only the tasks the service matches to that name are listed (the API's name filter).</para>
/// <para>With -TaskId, the cmdlet gets each task in full with ShowMigrationTask (GET
/// /v2/{project_id}/migration-task/{task_id}) and returns DcsMigrationTaskDetail objects, which add the source and
/// target Redis (SourceInstance, TargetInstance), the backup files of an import (BackupFiles), the network and the
/// completion time. -TaskId binds by property name, so tasks piped from a listing are fetched in full. Passwords the
/// service may return are never put on the objects.</para>
/// </remarks>
[Cmdlet(VerbsCommon.Get, "DcsMigrationTask", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(DcsMigrationTask), ParameterSetName = new[] { ListSet })]
[OutputType(typeof(DcsMigrationTaskDetail), ParameterSetName = new[] { ByIdSet })]
public sealed class GetDcsMigrationTaskCommand : HuaweiCloudListCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";

    /// <summary>Lists only the tasks whose name matches this text: it is sent as the API's name filter, and which
    /// names match is up to the service. Without it, every task of the project is listed.</summary>
    [Parameter(ParameterSetName = ListSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The ids of the tasks to get in full (ShowMigrationTask), as DcsMigrationTaskDetail objects. Bound by
    /// property name, so DcsMigrationTask objects piped from a listing are fetched in full. A task that does not
    /// exist (DCS.4133) is reported as a non-terminating error and the other ids go on. Each id is sent as one escaped
    /// path segment; an empty, blank or dot id ('.', '..') is refused (InvalidId) before any request. Press Tab to
    /// complete the ids of the project's tasks (the task name shows as the tooltip).</summary>
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DcsTaskIdCompleter))]
    public string[] TaskId { get; set; } = System.Array.Empty<string>();

    internal override IListApi Listing => DcsApi.MigrationTasks;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByIdSet)
        {
            WriteByIds(PagedIds(TaskId, nameof(TaskId)), DcsApi.GetMigrationTask);
            return;
        }
        WriteAll((client, paging) => DcsApi.ListMigrationTasks(client, Name, paging));
    }
}
