namespace MigrationTools.Emulator;

/// <summary>One DCS migration task (list item fields, plus the detail-only fields of ShowMigrationTask).
/// Null means the service sends JSON null; "" means it sends an empty string ("left blank").</summary>
public sealed record DcsMigrationTask
{
    public required int Index { get; init; }                 // position in the list the service returns (newest first)
    public required string TaskId { get; init; }
    public required string TaskName { get; init; }
    public required string Status { get; init; }              // SUCCESS | FAILED | MIGRATING | TERMINATED
    public required string MigrationType { get; init; }       // backupfile_import | online_migration
    public required string MigrationMethod { get; init; }     // full_amount_migration | incremental_migration
    public required string? EcsTenantPrivateIp { get; init; }
    public required string DataSource { get; init; }          // ip:port, or the OBS bucket name for backup imports
    public required bool SelfHostedSource { get; init; }      // source Redis is not a DCS instance
    public required string? SourceInstanceName { get; init; }
    public required string? SourceInstanceId { get; init; }
    public required string? SourceInstanceStatus { get; init; }
    public required string? SourceInstanceSubnetId { get; init; }
    public required string? SourceInstanceSpecCode { get; init; }
    public required string TargetInstanceAddrs { get; init; }
    public required string TargetInstanceName { get; init; }
    public required string TargetInstanceId { get; init; }
    public required string TargetInstanceStatus { get; init; }
    public required string TargetInstanceSubnetId { get; init; }
    public required string TargetInstanceSpecCode { get; init; }
    public required string CreatedAt { get; init; }           // 2021-06-16T06:12:55.508Z
    public required DateTimeOffset Created { get; init; }
    public required string? UpdatedAt { get; init; }          // detail only; null while MIGRATING
    public required string? Description { get; init; }
    public required string? ErrorMessage { get; init; }       // only on FAILED
    public required string? ReleasedAt { get; init; }         // yyyyMMddHHmm (202404011057) or null
    public required string Version { get; init; }
    public required string ResumeMode { get; init; }          // auto | manual
    public required IReadOnlyList<string> SupportedFeatures { get; init; }
    public required string? NetworkType { get; init; }        // detail: vpc | vpn (online migrations)
    public required string? BucketName { get; init; }         // backup imports from OBS
    public required IReadOnlyList<(string FileName, string Size, string UpdateAt)> BackupFiles { get; init; }
    public required string? BackupId { get; init; }           // backup imports from a backup record
    public required string TenantVpcId { get; init; }
    public required string TenantSubnetId { get; init; }
    public required string TenantSecurityGroupId { get; init; }
    public required string? BandwidthLimitMb { get; init; }
    /// <summary>Stats of online migrations (null for backup imports: the stats route answers DCS.4133).</summary>
    public required DcsMigrationStats? Stats { get; init; }
}
