using System.Management.Automation;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;
using MigrationTools.Infrastructure;

namespace MigrationTools.Commands;

/// <summary>Lists RDS for SQL Server backup migration jobs (served by DRS), or returns the given jobs in full.</summary>
/// <remarks>
/// Without -JobId, the jobs of the project are listed page after page, with every filter of the DRS
/// ListReplicationJobs API (-Name, -Status, -DbInstanceId and the others).
///
/// With -JobId (or jobs piped in, which bind by their JobId property), each job is read in full with DRS
/// ShowReplicationJob: its backup files (BackupInfo.FileInfo, sizes in bytes), the target instance
/// (TargetDbInfo), the restored databases (NewDbNames), its tags and its error log. The list filters do not apply
/// to -JobId: they belong to another parameter set.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "RdsBackupMigrationJob", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(RdsBackupMigrationJob), ParameterSetName = new[] { ListSet })]
[OutputType(typeof(RdsBackupMigrationJobDetail), ParameterSetName = new[] { ByIdSet })]
public sealed class GetRdsBackupMigrationJobCommand : HuaweiCloudListCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";

    /// <summary>The jobs to show in full (DRS ShowReplicationJob); bound from piped jobs by their JobId (or Id) property.</summary>
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RdsBackupMigrationJobIdCompleter))]
    public string[] JobId { get; set; } = System.Array.Empty<string>();

    /// <summary>Job name; the service matches fuzzily.</summary>
    [Parameter(ParameterSetName = ListSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("TRANSFERRING", "SUCCESS", "FAILED", "PRECHECK FAILED")]
    public string? Status { get; set; }

    /// <summary>At most 10 DB instance ids.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateCount(1, DrsApi.MaxDbInstanceIds)]
    [ValidateNotNullOrEmpty]
    public string[]? DbInstanceId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? Description { get; set; }

    /// <summary>Creation time filter (create_at): text is sent as given, a [datetime] as ISO 8601 UTC.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Alias("CreatedAt")]
    [TimeText]
    [ValidateNotNullOrEmpty]
    public string? CreateAt { get; set; }

    /// <summary>Completion time filter (completed_at): text is sent as given, a [datetime] as ISO 8601 UTC.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [TimeText]
    [ValidateNotNullOrEmpty]
    public string? CompletedAt { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? EnterpriseProjectId { get; set; }

    /// <summary>Tags filter, sent as given (tags).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? Tag { get; set; }

    /// <summary>Sort field: name, db_type, inst_id, ip, created_at, description, tag_value.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ArgumentCompleter(typeof(SortKeyCompleter))]
    [ValidateNotNullOrEmpty]
    public string? SortKey { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("asc", "desc")]
    public string? SortDirection { get; set; }

    /// <summary>Language of the service's messages, sent as X-Language.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("en-us", "zh-cn")]
    public string? Language { get; set; }

    protected override CloudService Service => CloudService.Drs;

    internal override PagingRule PagingRule => DrsApi.BackupMigrationJobPaging;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByIdSet)
        {
            foreach (var id in JobId) RunForEach(() => WriteObject(DrsApi.GetBackupMigrationJob(Client, id)), id);
            return;
        }
        var filter = new RdsBackupMigrationJobFilter
        {
            Name = Name,
            Status = Status,
            DbInstanceIds = DbInstanceId,
            Description = Description,
            CreateAt = CreateAt,
            CompletedAt = CompletedAt,
            EnterpriseProjectId = EnterpriseProjectId,
            Tags = Tag,
            SortKey = SortKey,
            SortDirection = SortDirection,
            Language = Language,
        };
        WriteAll(() => DrsApi.ListBackupMigrationJobs(Client, filter, PageOptions()));
    }
}
