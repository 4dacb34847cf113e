using System.Globalization;
using System.Text.Json.Nodes;
using MigrationTools.Emulator.Gateway;

namespace MigrationTools.Emulator.Routes;

internal static partial class ApiRoutes
{
    /// <summary>The DCS APIs (host dcs.{region}); their errors are in the DCS style.</summary>
    private static void MapDcs(WebApplication app)
    {
        var dcs = new RouteKindMetadata(RouteKind.Project, ErrorStyle.Dcs);
        app.MapGet("/v2/{project_id}/migration-tasks", DcsListTasks).WithMetadata(dcs);
        app.MapGet("/v2/{project_id}/migration-task/{task_id}", DcsShowTask).WithMetadata(dcs);
        app.MapGet("/v2/{project_id}/migration-task/{task_id}/stats", DcsStats).WithMetadata(dcs);
    }

    // DCS. Limits from the current ListMigrationTask page: offset >= 0 (default 0), limit 1..1000 (default 10).
    // Invalid values answer 400 with a DCS body; the exact DCS codes for them are not documented: DCS.4001/DCS.4002
    // are the emulator's choice. Unknown task: 400 DCS.4133 "Instance job is not found." (stats page; tf treats
    // 400 DCS.4133 as "task deleted" for the detail route too).
    internal const int DcsMaxLimit = 1000;

    private static ApiResult DcsError(HttpContext ctx, string code, string msg) =>
        ApiResult.Error(ctx, 400, code, msg, ErrorStyle.Dcs);

    private static ApiResult DcsNotFound(HttpContext ctx) => DcsError(ctx, "DCS.4133", "Instance job is not found.");

    private static IResult DcsListTasks(HttpContext ctx)
    {
        if (!TryInt(ctx, "offset", 0, out int offset) || offset < 0)
            return DcsError(ctx, "DCS.4001", "Invalid offset. The value must be greater than or equal to 0.");
        if (!TryInt(ctx, "limit", 10, out int limit) || limit < 1 || limit > DcsMaxLimit)
            return DcsError(ctx, "DCS.4002", $"Invalid limit. The value must be between 1 and {DcsMaxLimit}.");
        var name = Q(ctx, "name");
        // name: fuzzy (substring, case-insensitive) match, as the tf data source and the page's example
        // (?name=dcs-migration-i9qk) suggest a partial name works.
        var matching = DataOf(ctx).DcsTasks
            .Where(t => name is null || t.TaskName.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        var page = new JsonArray(matching.Skip(offset).Take(limit).Select(t =>
        {
            var item = DcsListItem(t);
            if (State(ctx).Progress.Observe(t.TaskId, poll: true) is { } p) item["status"] = p.Status("MIGRATING", "SUCCESS");
            return (JsonNode)item;
        }).ToArray());
        return ApiResult.Ok(new JsonObject { ["count"] = matching.Count, ["migration_tasks"] = page });
    }

    internal static JsonObject DcsListItem(DcsMigrationTask t) => new()
    {
        ["task_id"] = t.TaskId,
        ["task_name"] = t.TaskName,
        ["status"] = t.Status,
        ["migration_type"] = t.MigrationType,
        ["migration_method"] = t.MigrationMethod,
        ["ecs_tenant_private_ip"] = S(t.EcsTenantPrivateIp),
        ["data_source"] = t.DataSource,
        ["source_instance_name"] = S(t.SourceInstanceName),
        ["source_instance_id"] = S(t.SourceInstanceId),
        ["target_instance_addrs"] = t.TargetInstanceAddrs,
        ["target_instance_name"] = t.TargetInstanceName,
        ["target_instance_id"] = t.TargetInstanceId,
        ["created_at"] = t.CreatedAt,
        ["description"] = S(t.Description),
        ["source_instance_status"] = S(t.SourceInstanceStatus),
        ["target_instance_status"] = t.TargetInstanceStatus,
        ["source_instance_subnet_id"] = S(t.SourceInstanceSubnetId),
        ["target_instance_subnet_id"] = t.TargetInstanceSubnetId,
        ["source_instance_spec_code"] = S(t.SourceInstanceSpecCode),
        ["target_instance_spec_code"] = t.TargetInstanceSpecCode,
        ["error_message"] = S(t.ErrorMessage),
        ["released_at"] = S(t.ReleasedAt),
        ["version"] = t.Version,
        ["resume_mode"] = t.ResumeMode,
        ["supported_features"] = new JsonArray(t.SupportedFeatures.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
    };

    private static IResult DcsShowTask(HttpContext ctx, string task_id)
    {
        var t = DataOf(ctx).FindDcsTask(task_id);
        if (t is null) return DcsNotFound(ctx);
        // A task made to progress (PUT /_emulator/progress): this read counts as a poll.
        if (State(ctx).Progress.Observe(t.TaskId, poll: true) is { } p)
        {
            var status = p.DetailStatus("MIGRATING", "SUCCESS");
            t = t with
            {
                Status = status,
                UpdatedAt = !p.Ended || status == "MIGRATING" ? null : EmulatorData.IsoMs(State(ctx).Time.GetUtcNow()),
                ErrorMessage = status == "FAILED" ? t.ErrorMessage ?? "The migration failed: the source Redis closed the connection." : null,
            };
        }
        var o = new JsonObject
        {
            ["task_id"] = t.TaskId,
            ["task_name"] = t.TaskName,
            ["description"] = S(t.Description),
            ["status"] = t.Status,
            ["migration_type"] = t.MigrationType,
            ["migration_method"] = t.MigrationMethod,
            ["ecs_tenant_private_ip"] = S(t.EcsTenantPrivateIp),
        };
        if (t.MigrationType == "backupfile_import")
        {
            o["backup_files"] = t.BackupId is not null
                ? new JsonObject
                {
                    ["file_source"] = "backup_record",
                    ["bucket_name"] = null,
                    ["files"] = new JsonArray(),
                    ["backup_id"] = t.BackupId,
                }
                : new JsonObject
                {
                    ["file_source"] = "self_build_obs",
                    ["bucket_name"] = t.BucketName,
                    ["files"] = new JsonArray(t.BackupFiles.Select(f => (JsonNode)new JsonObject
                    {
                        ["file_name"] = f.FileName, ["size"] = f.Size, ["update_at"] = f.UpdateAt,
                    }).ToArray()),
                };
            o["network_type"] = null;
            o["source_instance"] = null;
        }
        else
        {
            o["network_type"] = t.NetworkType;
            var parts = t.DataSource.Split(':');
            o["source_instance"] = new JsonObject
            {
                ["addrs"] = t.DataSource,
                ["password"] = null, // never returned
                ["task_status"] = t.Status,
                ["id"] = S(t.SourceInstanceId),
                ["ip"] = parts[0],
                ["port"] = parts.Length > 1 ? parts[1] : "6379",
                ["name"] = S(t.SourceInstanceName),
                ["proxy_multi_db"] = false,
                ["db"] = null,
            };
        }
        var tparts = t.TargetInstanceAddrs.Split(':');
        o["target_instance"] = new JsonObject
        {
            ["id"] = t.TargetInstanceId,
            ["name"] = t.TargetInstanceName,
            ["password"] = null,
            ["task_status"] = t.Status,
            ["ip"] = tparts[0],
            ["port"] = tparts.Length > 1 ? tparts[1] : "6379",
            ["addrs"] = t.TargetInstanceAddrs,
            ["proxy_multi_db"] = false,
            ["db"] = null,
        };
        o["created_at"] = t.CreatedAt;
        o["updated_at"] = S(t.UpdatedAt);
        o["released_at"] = S(t.ReleasedAt);
        o["version"] = t.Version;
        o["resume_mode"] = t.ResumeMode;
        o["supported_features"] = new JsonArray(t.SupportedFeatures.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray());
        o["tenant_vpc_id"] = t.TenantVpcId;
        o["tenant_subnet_id"] = t.TenantSubnetId;
        o["tenant_security_group_id"] = t.TenantSecurityGroupId;
        o["bandwidth_limit_mb"] = S(t.BandwidthLimitMb); // a string in the SDK model
        // The fields of the SDK's ShowMigrationTaskResponse only (tests/Contract): it has no error_message, which
        // only the list's MigrationTaskList carries.
        o["task_status"] = t.Status;
        return ApiResult.Ok(o);
    }

    private static IResult DcsStats(HttpContext ctx, string task_id)
    {
        // Only online migrations have stats; for backup imports and unknown ids the service answers DCS.4133.
        var t = DataOf(ctx).FindDcsTask(task_id);
        if (t?.Stats is not { } s) return DcsNotFound(ctx);
        if (State(ctx).Progress.Observe(t.TaskId, poll: false) is { } p)
        {
            var status = p.Status("MIGRATING", "SUCCESS");
            s = s with
            {
                FullMigrationProgress = p.Percent,
                TargetDbSize = (long)(s.SourceDbSize * p.Percent / 100),
                IsMigrating = status == "MIGRATING",
            };
        }
        return ApiResult.Ok(StatsJson(s));
    }

    /// <summary>The page's table says String for every count, its example sends numbers: the emulator sends both,
    /// numbers for even task indexes and strings ("531221", "99.5") for odd ones.</summary>
    internal static JsonObject StatsJson(DcsMigrationStats s)
    {
        JsonNode Num(double v) => s.AsStrings
            ? JsonValue.Create(v.ToString("0.##", CultureInfo.InvariantCulture))!
            : (v == Math.Floor(v) && Math.Abs(v) < 1e15 ? JsonValue.Create((long)v)! : JsonValue.Create(v)!);
        return new JsonObject
        {
            ["full_migration_progress"] = Num(s.FullMigrationProgress),
            ["offset"] = Num(s.Offset),
            ["source_dbsize"] = Num(s.SourceDbSize),
            ["target_dbsize"] = Num(s.TargetDbSize),
            ["target_input_kbps"] = Num(s.TargetInputKbps),
            ["target_ops"] = Num(s.TargetOps),
            ["is_migrating"] = s.IsMigrating,
        };
    }
}
