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

/// <summary>Progress of an online migration. <see cref="AsStrings"/> tells whether the service sends the numbers as
/// JSON strings ("531221", "99.5") or as JSON numbers; it alternates with the task index (odd = strings).</summary>
public sealed record DcsMigrationStats(
    double FullMigrationProgress, long Offset, long SourceDbSize, long TargetDbSize, double TargetInputKbps,
    long TargetOps, bool IsMigrating, bool AsStrings);

public sealed record RocketMqInstance(string InstanceId, string Name, IReadOnlyList<RocketMqMigrationTask> Tasks);

/// <summary>A metadata migration task. <see cref="JsonContent"/> is the full metadata (the json_content string).</summary>
public sealed record RocketMqMigrationTask(
    string Id, string Name, string StartDate, string Status, string Type,
    IReadOnlyList<string> Vhosts, IReadOnlyList<RabbitExchange> Exchanges, IReadOnlyList<RabbitQueue> Queues,
    IReadOnlyList<RabbitBinding> Bindings, IReadOnlyList<string> Topics, IReadOnlyList<string> Groups, string JsonContent);

public sealed record RabbitExchange(string Vhost, string Name, string Type, bool Durable);
public sealed record RabbitQueue(string Vhost, string Name, bool Durable);
public sealed record RabbitBinding(string Vhost, string Source, string Destination, string DestinationType, string RoutingKey);

/// <summary>One RDS for SQL Server backup migration job (DRS v5). InstanceId and Tags are not in the response:
/// they back the dbs_instance_ids and tags filters.</summary>
public sealed record DrsBackupMigrationJob(
    string Id, string Name, string Status, string? ErrorLog, string Description, string CreateTime, DateTimeOffset Created,
    string? FinishTime, DateTimeOffset? Finished, string EnterpriseProjectId, string InstanceId, string InstanceName,
    IReadOnlyDictionary<string, string> Tags);

public sealed record IamProject(string Id, string Name, string DomainId, string ParentId, string Description, bool Enabled);

/// <summary>The detail-only fields of a DRS job: restored databases, OBS bucket, backup files, FILESTREAM, file id.</summary>
public sealed record DrsJobDetail(IReadOnlyList<string> DbNames, string Bucket, IReadOnlyList<DrsBackupFile> Files, bool FileStream, string FileId,
    DrsRestoreOptions Options);

/// <summary>How a job restores (the SDK's BackupRestoreOptionInfo); the databases are <see cref="DrsJobDetail.DbNames"/>.</summary>
public sealed record DrsRestoreOptions(bool IsCover, bool IsDefaultRestore, bool IsLastBackup, bool IsPrecheck, string RecoveryMode,
    IReadOnlyDictionary<string, string> ResetDbNameMap, bool IsDeleteBackupFile);

public sealed record DrsBackupFile(string Name, long Size, string LastModify);

/// <summary>A DMS instance of another engine than RocketMQ (engine kafka or rabbitmq).</summary>
public sealed record DmsOtherInstance(string InstanceId, string Name, string Engine, string EngineVersion);
