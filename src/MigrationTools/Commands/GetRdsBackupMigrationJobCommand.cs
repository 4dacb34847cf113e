using System.Management.Automation;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Models;
using MigrationTools.Core.Paging;
using MigrationTools.Infrastructure;

namespace MigrationTools.Commands;

/// <summary>Lists RDS for SQL Server backup migration jobs (served by DRS), with every filter of the API.</summary>
[Cmdlet(VerbsCommon.Get, "RdsBackupMigrationJob", SupportsPaging = true)]
[OutputType(typeof(RdsBackupMigrationJob))]
public sealed class GetRdsBackupMigrationJobCommand : HuaweiCloudListCmdlet
{
    /// <summary>Job name; the service matches fuzzily.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    [ValidateSet("TRANSFERRING", "SUCCESS", "FAILED", "PRECHECK FAILED")]
    public string? Status { get; set; }

    /// <summary>At most 10 DB instance ids.</summary>
    [Parameter]
    [ValidateCount(1, DrsApi.MaxDbInstanceIds)]
    [ValidateNotNullOrEmpty]
    public string[]? DbInstanceId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Description { get; set; }

    /// <summary>Creation time filter (create_at): text is sent as given, a [datetime] as ISO 8601 UTC.</summary>
    [Parameter]
    [Alias("CreatedAt")]
    [TimeText]
    [ValidateNotNullOrEmpty]
    public string? CreateAt { get; set; }

    /// <summary>Completion time filter (completed_at): text is sent as given, a [datetime] as ISO 8601 UTC.</summary>
    [Parameter]
    [TimeText]
    [ValidateNotNullOrEmpty]
    public string? CompletedAt { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EnterpriseProjectId { get; set; }

    /// <summary>Tags filter, sent as given (tags).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Tag { get; set; }

    /// <summary>Sort field: name, db_type, inst_id, ip, created_at, description, tag_value.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SortKeyCompleter))]
    [ValidateNotNullOrEmpty]
    public string? SortKey { get; set; }

    [Parameter]
    [ValidateSet("asc", "desc")]
    public string? SortDirection { get; set; }

    /// <summary>Language of the service's messages, sent as X-Language.</summary>
    [Parameter]
    [ValidateSet("en-us", "zh-cn")]
    public string? Language { get; set; }

    protected override CloudService Service => CloudService.Drs;

    internal override PagingRule PagingRule => DrsApi.BackupMigrationJobPaging;

    protected override void ProcessRecord()
    {
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
