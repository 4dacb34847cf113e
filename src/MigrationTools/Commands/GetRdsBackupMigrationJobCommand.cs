using System.Management.Automation;
using MigrationTools.CmdletBases;
using MigrationTools.Completion;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Models;
using MigrationTools.Parameters;

namespace MigrationTools.Commands;

/// <summary>Lists the RDS for SQL Server backup migration jobs of a project, with every filter of the API, or gets the given jobs in full.</summary>
/// <remarks>
/// <para>Get-RdsBackupMigrationJob lists the backup migration tasks of RDS for SQL Server (restoring SQL Server
/// backups into RDS), except deleted ones, with the API GET /v5/{project_id}/backup-migration-jobs. The API is served
/// by the Data Replication Service (DRS), so the endpoint is https://drs.&lt;region&gt;.myhuaweicloud.com. Each job
/// is an RdsBackupMigrationJob object: JobId, Name, Status, EngineType, ErrorLog, Description, CreateTime and
/// FinishTime (UTC DateTime) and EnterpriseProjectId.</para>
/// <para>Every filter of the API is a parameter and is applied by the service: -Name (fuzzy match), -Status
/// (TRANSFERRING, SUCCESS, FAILED, PRECHECK FAILED), -DbInstanceId (up to 10 DB instances), -Description, -CreateAt,
/// -CompletedAt, -EnterpriseProjectId and -Tag; -SortKey and -SortDirection set the service's order; -Language sets
/// the language of the service's error messages.</para>
/// <para>With -JobId (or jobs piped in, which bind by their JobId property), each job is read in full with DRS
/// ShowReplicationJob (GET /v5/{project_id}/backup-migration-jobs/{job_id}) as an RdsBackupMigrationJobDetail: its
/// backup files (BackupInfo.FileInfo, sizes in bytes), the target instance (TargetDbInfo), the restored databases
/// (NewDbNames), its tags, its error log, and how it restores (Options: RecoveryMode full or incre, IsCover,
/// IsDefaultRestore, IsLastBackup, IsPrecheck, DbNames, ResetDbNameMap, IsDeleteBackupFile). Name and Description
/// are read from base_info, where Huawei's official SDKs model them (ShowReplicationJobResponse has no top-level
/// name); a top-level name or description, if a service sends one, is the fallback. The list filters do not apply
/// to -JobId: they belong to another parameter set.</para>
/// </remarks>
[Cmdlet(VerbsCommon.Get, "RdsBackupMigrationJob", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(RdsBackupMigrationJob), ParameterSetName = new[] { ListSet })]
[OutputType(typeof(RdsBackupMigrationJobDetail), ParameterSetName = new[] { ByIdSet })]
public sealed class GetRdsBackupMigrationJobCommand : HuaweiCloudListCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";

    /// <summary>The ids of the jobs to get in full (DRS ShowReplicationJob), as RdsBackupMigrationJobDetail objects;
    /// bound from piped jobs by their JobId (or Id) property. A job that does not exist is reported as a
    /// non-terminating error and the other ids go on. Press Tab to complete the ids of the project's jobs.</summary>
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RdsBackupMigrationJobIdCompleter))]
    public string[] JobId { get; set; } = System.Array.Empty<string>();

    /// <summary>Lists only the jobs whose name matches (the API's name filter; the service matches fuzzily, so DRS
    /// matches DRS-6813).</summary>
    [Parameter(ParameterSetName = ListSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Lists only the jobs in this status: TRANSFERRING (data is being restored), SUCCESS, FAILED, or
    /// PRECHECK FAILED (the precheck failed; quote it, it contains a space). Any other value is refused by PowerShell
    /// before a request.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ApiValues(typeof(DrsApi), nameof(DrsApi.Statuses))]
    [ArgumentCompleter(typeof(ApiValuesCompleter))]
    public string? Status { get; set; }

    /// <summary>Lists only the jobs of these RDS DB instances (the API's dbs_instance_ids, one query parameter per
    /// id). At most 10 ids; more are refused before any request.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateCount(1, DrsApi.MaxDbInstanceIds)]
    [ValidateNotNullOrEmpty]
    public string[]? DbInstanceId { get; set; }

    /// <summary>Lists only the jobs with this description (the API's description filter), for example 'Destination
    /// RDS instance name: rds-sqlserver2022-stand'.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? Description { get; set; }

    /// <summary>Creation time filter, the API's create_at. Text is sent as given (the API page does not state a
    /// format; epoch milliseconds such as 1700000000000 or an ISO 8601 time such as 2024-08-19T02:27:15Z); a
    /// [datetime] is sent as ISO 8601 in UTC, e.g. -CreateAt (Get-Date).AddDays(-7). Alias: CreatedAt.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Alias("CreatedAt")]
    [TimeText]
    [ValidateNotNullOrEmpty]
    public string? CreateAt { get; set; }

    /// <summary>Completion time filter, the API's completed_at: text as given, a [datetime] as ISO 8601 in UTC (the
    /// same forms as -CreateAt).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [TimeText]
    [ValidateNotNullOrEmpty]
    public string? CompletedAt { get; set; }

    /// <summary>Lists only the jobs of this enterprise project; 0 is the default enterprise project.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? EnterpriseProjectId { get; set; }

    /// <summary>Tag filter, sent as given as the API's tags parameter, for example 'env=prod'.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? Tag { get; set; }

    /// <summary>The field the service sorts by (the API's sort_key). Tab completes the documented fields: name,
    /// db_type, inst_id, ip, created_at, description, tag_value; other values are sent as given.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ApiValues(typeof(DrsApi), nameof(DrsApi.SortKeys), Strict = false)]
    [ArgumentCompleter(typeof(ApiValuesCompleter))]
    [ValidateNotNullOrEmpty]
    public string? SortKey { get; set; }

    /// <summary>Sort order of -SortKey (the API's sort_dir): asc or desc.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ApiValues(typeof(DrsApi), nameof(DrsApi.SortDirections))]
    [ArgumentCompleter(typeof(ApiValuesCompleter))]
    public string? SortDirection { get; set; }

    /// <summary>The language of the service's messages, sent as the X-Language header: en-us (English) or zh-cn
    /// (Chinese). It changes the text of error messages, not the data.</summary>
    /// <value>the service's default (en-us)</value>
    [Parameter(ParameterSetName = ListSet)]
    [ApiValues(typeof(DrsApi), nameof(DrsApi.Languages))]
    [ArgumentCompleter(typeof(ApiValuesCompleter))]
    public string? Language { get; set; }

    internal override IListApi Listing => DrsApi.BackupMigrationJobs;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByIdSet)
        {
            WriteByIds(PagedIds(JobId, nameof(JobId)), DrsApi.GetBackupMigrationJob);
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
        WriteAll((client, paging) => DrsApi.ListBackupMigrationJobs(client, filter, paging));
    }
}
