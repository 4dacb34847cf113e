namespace MigrationTools.Emulator;

/// <summary>One RDS for SQL Server backup migration job (DRS v5). InstanceId and Tags are not in the response:
/// they back the dbs_instance_ids and tags filters.</summary>
public sealed record DrsBackupMigrationJob(
    string Id, string Name, string Status, string? ErrorLog, string Description, string CreateTime, DateTimeOffset Created,
    string? FinishTime, DateTimeOffset? Finished, string EnterpriseProjectId, string InstanceId, string InstanceName,
    IReadOnlyDictionary<string, string> Tags);
