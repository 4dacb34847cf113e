using System.Text.Json.Serialization;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>An RDS for SQL Server backup migration job, from DRS <c>GET /v5/{project_id}/backup-migration-jobs</c>.</summary>
public sealed class RdsBackupMigrationJob : IRegionalResource
{
    [JsonPropertyName("id")] public string? JobId { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>TRANSFERRING, SUCCESS, FAILED, PRECHECK FAILED.</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }
    /// <summary>sqlserver.</summary>
    [JsonPropertyName("engine_type")] public string? EngineType { get; set; }
    [JsonPropertyName("error_log")] public string? ErrorLog { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("create_time"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? CreateTime { get; set; }
    [JsonPropertyName("finish_time"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? FinishTime { get; set; }
    [JsonPropertyName("enterprise_project_id")] public string? EnterpriseProjectId { get; set; }

    [JsonIgnore] public string? Region { get; set; }
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => Name ?? JobId ?? string.Empty;
}
