using System.Management.Automation;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Http;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;
using MigrationTools.Infrastructure;

namespace MigrationTools.Commands;

/// <summary>Lists DCS (Redis) migration tasks, or returns the details of the given tasks.</summary>
[Cmdlet(VerbsCommon.Get, "DcsMigrationTask", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(DcsMigrationTask), ParameterSetName = new[] { ListSet })]
[OutputType(typeof(DcsMigrationTaskDetail), ParameterSetName = new[] { ByIdSet })]
public sealed class GetDcsMigrationTaskCommand : HuaweiCloudListCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";

    /// <summary>Only tasks with this name (the service's name filter).</summary>
    [Parameter(ParameterSetName = ListSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The tasks to show in full (ShowMigrationTask); bound from piped tasks. Each id is sent as one escaped path segment; an empty, blank or dot id ('.', '..') is refused (InvalidId) before any request.</summary>
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DcsTaskIdCompleter))]
    public string[] TaskId { get; set; } = System.Array.Empty<string>();

    protected override CloudService Service => CloudService.Dcs;

    internal override PagingRule PagingRule => DcsApi.MigrationTaskPaging;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByIdSet)
        {
            // Every id is checked before the first request (the core's rule: one path segment each).
            RunTerminating(() => { foreach (var id in TaskId) ApiRequest.ValidateSegment(id, nameof(TaskId)); });
            foreach (var id in TaskId) RunForEach(() => WriteObject(DcsApi.GetMigrationTask(Client, id)), id);
            return;
        }
        WriteAll(() => DcsApi.ListMigrationTasks(Client, Name, PageOptions()));
    }
}
