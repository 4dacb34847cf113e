using System.Text.Json.Serialization;
using MigrationTools.Core.Formatting;
using MigrationTools.Core.Json;

namespace MigrationTools.Core.Models;

/// <summary>An RDS for SQL Server backup migration job, from DRS <c>GET /v5/{project_id}/backup-migration-jobs</c>.</summary>
public sealed class RdsBackupMigrationJob : IRegionalResource
{
    [ListItem(1)]
    [JsonPropertyName("id")] public string? JobId { get; set; }
    [TableColumn(1, 32), ListItem(2)]
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>TRANSFERRING, SUCCESS, FAILED, PRECHECK FAILED.</summary>
    [TableColumn(2, 15), ListItem(3)]
    [JsonPropertyName("status")] public string? Status { get; set; }
    /// <summary>sqlserver.</summary>
    [ListItem(4)]
    [JsonPropertyName("engine_type")] public string? EngineType { get; set; }
    [ListItem(8)]
    [JsonPropertyName("error_log")] public string? ErrorLog { get; set; }
    [ListItem(7)]
    [JsonPropertyName("description")] public string? Description { get; set; }
    [TableColumn(3, 16, UtcTime = true), ListItem(5)]
    [JsonPropertyName("create_time"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? CreateTime { get; set; }
    [ListItem(6)]
    [JsonPropertyName("finish_time"), JsonConverter(typeof(UtcDateTimeConverter))] public DateTime? FinishTime { get; set; }
    [ListItem(9)]
    [JsonPropertyName("enterprise_project_id")] public string? EnterpriseProjectId { get; set; }

    [ListItem(10)]
    [JsonIgnore] public string? Region { get; set; }
    [ListItem(11)]
    [JsonIgnore] public string? ProjectId { get; set; }

    public override string ToString() => Name ?? JobId ?? string.Empty;
}
