namespace MigrationTools.Core.Apis;

/// <summary>The filters of ListReplicationJobs (RDS for SQL Server backup migration jobs). Null means "not filtered".</summary>
public sealed class RdsBackupMigrationJobFilter
{
    /// <summary>Task name; the service matches fuzzily.</summary>
    public string? Name { get; set; }
    /// <summary>One of <see cref="DrsApi.Statuses"/>.</summary>
    public string? Status { get; set; }
    /// <summary>At most <see cref="DrsApi.MaxDbInstanceIds"/> DB instance ids, sent as repeated dbs_instance_ids.</summary>
    public IReadOnlyList<string>? DbInstanceIds { get; set; }
    public string? Description { get; set; }
    /// <summary>Creation time, sent as given (the page does not state a format).</summary>
    public string? CreateAt { get; set; }
    /// <summary>Completion time, sent as given.</summary>
    public string? CompletedAt { get; set; }
    public string? EnterpriseProjectId { get; set; }
    public string? Tags { get; set; }
    public string? SortKey { get; set; }
    public string? SortDirection { get; set; }
    /// <summary>One of <see cref="DrsApi.Languages"/>, sent as the X-Language header.</summary>
    public string? Language { get; set; }
}
