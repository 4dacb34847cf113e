using System.Globalization;
using System.Text.Json.Nodes;
using MigrationTools.Emulator.Gateway;

namespace MigrationTools.Emulator.Routes;

internal static partial class ApiRoutes
{
    /// <summary>The DRS APIs (host drs.{region}): RDS for SQL Server backup migration jobs.</summary>
    private static void MapDrs(WebApplication app)
    {
        var drs = new RouteKindMetadata(RouteKind.Project, ErrorStyle.Plain);
        app.MapGet("/v5/{project_id}/backup-migration-jobs", DrsListJobs).WithMetadata(drs);
        app.MapGet("/v5/{project_id}/backup-migration-jobs/{job_id}", DrsShowJob).WithMetadata(drs);
    }

    // DRS v5 ListReplicationJobs (RDS for SQL Server backup migration), GET /v5/{project_id}/backup-migration-jobs.
    // - limit: default 10, SDK range 0..65535 (tf asks for 2000); limit=0 is taken as the default. offset: record
    //   offset 0..65535, default 0. Out of range or not a number: 400 DRS.10000001.
    // - name, description: fuzzy (case-insensitive substring). status: exact, one of TRANSFERRING, SUCCESS, FAILED,
    //   "PRECHECK FAILED" (with the space). dbs_instance_ids: repeated key (tf) or comma-separated, at most 10.
    // - create_at / completed_at: format undocumented; the emulator accepts epoch milliseconds or ISO 8601 and keeps
    //   jobs with create_time >= create_at and finish_time <= completed_at (unfinished jobs drop out).
    // - tags: format undocumented; the emulator accepts "key=value" or "key", comma-separated, all must match.
    // - sort_key: name, db_type, inst_id, ip, created_at, description, tag_value (docs list); default created_at.
    //   sort_dir: asc|desc (case-insensitive), default desc. Other values: 400.
    // - X-Language: zh-cn gives Chinese error messages, anything else English.
    internal const int DrsMaxLimit = 65535;
    internal const int DrsMaxInstanceIds = 10;
    private static readonly string[] DrsStatuses = ["TRANSFERRING", "SUCCESS", "FAILED", "PRECHECK FAILED"];
    private static readonly string[] DrsSortKeys = ["name", "db_type", "inst_id", "ip", "created_at", "description", "tag_value"];

    private static IResult DrsListJobs(HttpContext ctx)
    {
        bool zh = ctx.Request.Headers["X-Language"].ToString().Trim().Equals("zh-cn", StringComparison.OrdinalIgnoreCase);
        ApiResult Bad(string en, string cn) => ApiResult.Error(ctx, 400, "DRS.10000001",
            zh ? "参数错误：" + cn : "Invalid parameter: " + en, ErrorStyle.Plain);

        if (!TryInt(ctx, "limit", 10, out int limit) || limit < 0 || limit > DrsMaxLimit)
            return Bad($"limit must be an integer from 0 to {DrsMaxLimit}.", $"limit 必须是 0 到 {DrsMaxLimit} 之间的整数。");
        if (limit == 0) limit = 10;
        if (!TryInt(ctx, "offset", 0, out int offset) || offset < 0 || offset > DrsMaxLimit)
            return Bad($"offset must be an integer from 0 to {DrsMaxLimit}.", $"offset 必须是 0 到 {DrsMaxLimit} 之间的整数。");

        var status = Q(ctx, "status");
        if (status is not null && !DrsStatuses.Contains(status))
            return Bad("status must be TRANSFERRING, SUCCESS, FAILED or PRECHECK FAILED.", "status 取值必须为 TRANSFERRING、SUCCESS、FAILED 或 PRECHECK FAILED。");
        var ids = ctx.Request.Query["dbs_instance_ids"]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        if (ids.Count > DrsMaxInstanceIds)
            return Bad($"a maximum of {DrsMaxInstanceIds} DB instance IDs are supported.", $"最多支持 {DrsMaxInstanceIds} 个实例 ID。");
        DateTimeOffset? createAt = null, completedAt = null;
        var createRaw = Q(ctx, "create_at");
        if (createRaw is not null)
        {
            if (!TryTime(createRaw, out var v)) return Bad("create_at must be epoch milliseconds or an ISO 8601 time.", "create_at 必须是毫秒时间戳或 ISO 8601 时间。");
            createAt = v;
        }
        var completedRaw = Q(ctx, "completed_at");
        if (completedRaw is not null)
        {
            if (!TryTime(completedRaw, out var v)) return Bad("completed_at must be epoch milliseconds or an ISO 8601 time.", "completed_at 必须是毫秒时间戳或 ISO 8601 时间。");
            completedAt = v;
        }
        var sortKey = Q(ctx, "sort_key") ?? "created_at";
        if (!DrsSortKeys.Contains(sortKey))
            return Bad("sort_key must be one of " + string.Join(", ", DrsSortKeys) + ".", "sort_key 取值必须为 " + string.Join("、", DrsSortKeys) + "。");
        var sortDir = (Q(ctx, "sort_dir") ?? "desc").ToLowerInvariant();
        if (sortDir is not ("asc" or "desc"))
            return Bad("sort_dir must be asc or desc.", "sort_dir 取值必须为 asc 或 desc。");

        var name = Q(ctx, "name");
        var description = Q(ctx, "description");
        var ep = Q(ctx, "enterprise_project_id");
        var tagFilters = (Q(ctx, "tags") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.Split('=', 2)).ToList();

        // Each planned job is read once per list request (its status decides the filter), and counts a poll.
        IEnumerable<DrsBackupMigrationJob> q = DataOf(ctx).DrsJobs.Select(j => WithProgress(ctx, j, poll: true)).Where(j =>
            (name is null || j.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
            && (status is null || j.Status == status)
            && (ids.Count == 0 || ids.Contains(j.InstanceId))
            && (description is null || j.Description.Contains(description, StringComparison.OrdinalIgnoreCase))
            && (ep is null || j.EnterpriseProjectId == ep)
            && (createAt is null || j.Created >= createAt)
            && (completedAt is null || (j.Finished is { } f && f <= completedAt))
            && tagFilters.All(t => j.Tags.TryGetValue(t[0], out var tv) && (t.Length == 1 || tv == t[1])));

        Func<DrsBackupMigrationJob, IComparable> key = sortKey switch
        {
            "name" => j => j.Name,
            "inst_id" => j => j.InstanceId,
            "description" => j => j.Description,
            "tag_value" => j => j.Tags.GetValueOrDefault("env") ?? "",
            _ => j => j.Created, // created_at; db_type and ip are the same for every job here
        };
        var sorted = (sortDir == "asc" ? q.OrderBy(key).ThenBy(j => j.Created) : q.OrderByDescending(key).ThenByDescending(j => j.Created)).ToList();
        var page = sorted.Skip(offset).Take(limit).Select(j =>
        {
            var o = new JsonObject
            {
                ["id"] = j.Id,
                ["name"] = j.Name,
                ["status"] = j.Status,
                ["engine_type"] = "sqlserver",
            };
            // Like the page's example, error_log is absent when there is no error.
            if (j.ErrorLog is not null) o["error_log"] = j.ErrorLog;
            o["description"] = j.Description;
            o["create_time"] = j.CreateTime;
            o["finish_time"] = S(j.FinishTime); // null while TRANSFERRING
            o["enterprise_project_id"] = j.EnterpriseProjectId;
            return (JsonNode)o;
        }).ToArray();
        return ApiResult.Ok(new JsonObject { ["jobs"] = new JsonArray(page), ["count"] = sorted.Count });
    }

    // DRS v5 ShowReplicationJob, GET /v5/{project_id}/backup-migration-jobs/{job_id}: the job in full, with the
    // fields of the SDK's ShowReplicationJobResponse and only those: the name and description are in base_info (there
    // is no top-level name), the restore settings in options (BackupRestoreOptionInfo). The pages give no code for an unknown id: like DMS for an unknown instance,
    // the emulator answers 404, with DRS.10010004 "The job does not exist." (its choice), in the plain DRS style.
    private static IResult DrsShowJob(HttpContext ctx, string job_id)
    {
        bool zh = ctx.Request.Headers["X-Language"].ToString().Trim().Equals("zh-cn", StringComparison.OrdinalIgnoreCase);
        var found = DataOf(ctx).FindDrsJob(job_id);
        if (found is null)
            return ApiResult.Error(ctx, 404, "DRS.10010004", zh ? "任务不存在。" : "The job does not exist.", ErrorStyle.Plain);
        var j = WithProgress(ctx, found, poll: true);
        var d = DataOf(ctx).DrsDetailOf(found);
        var o = new JsonObject
        {
            ["id"] = j.Id,
            ["status"] = j.Status,
            ["create_time"] = j.CreateTime,
            ["finish_time"] = S(j.FinishTime),
            // One string, as the SDKs' ShowReplicationJobResponse models it (not a JSON list).
            ["new_db_names"] = string.Join(",", d.DbNames),
            ["instance_name"] = j.InstanceName,
        };
        if (j.ErrorLog is not null) o["error_log"] = j.ErrorLog;
        o["backup_info"] = new JsonObject
        {
            ["file_source"] = "OBS",
            ["bucket_name"] = d.Bucket,
            // file_size is a string in the SDK model; file_last_modify has no zone.
            ["file_info"] = new JsonArray(d.Files.Select(f => (JsonNode)new JsonObject
            {
                ["file_name"] = f.Name, ["file_size"] = f.Size.ToString(CultureInfo.InvariantCulture), ["file_last_modify"] = f.LastModify,
            }).ToArray()),
        };
        o["base_info"] = new JsonObject
        {
            ["name"] = j.Name,
            ["engine_type"] = "sqlserver",
            ["description"] = j.Description,
            ["tags"] = new JsonArray(j.Tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value }).ToArray()),
            ["enterprise_project_id"] = j.EnterpriseProjectId,
        };
        o["target_db_info"] = new JsonObject
        {
            ["target_instance_id"] = j.InstanceId,
            ["ms_file_stream_status"] = d.FileStream ? "true" : "false",
            ["file_id"] = d.FileId,
        };
        var opt = d.Options;
        var options = new JsonObject
        {
            ["is_cover"] = opt.IsCover,
            ["is_default_restore"] = opt.IsDefaultRestore,
            ["is_last_backup"] = opt.IsLastBackup,
            ["is_precheck"] = opt.IsPrecheck,
            ["recovery_mode"] = opt.RecoveryMode,
            ["db_names"] = new JsonArray(d.DbNames.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
        };
        if (opt.ResetDbNameMap.Count > 0)
            options["reset_db_name_map"] = new JsonObject(opt.ResetDbNameMap.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
        options["is_delete_backup_file"] = opt.IsDeleteBackupFile;
        o["options"] = options;
        return ApiResult.Ok(o);
    }

    /// <summary>A job made to progress (PUT /_emulator/progress) shows TRANSFERRING, then its final status.</summary>
    private static DrsBackupMigrationJob WithProgress(HttpContext ctx, DrsBackupMigrationJob j, bool poll)
    {
        if (State(ctx).Progress.Observe(j.Id, poll) is not { } p) return j;
        var status = p.Status("TRANSFERRING", "SUCCESS");
        var now = State(ctx).Time.GetUtcNow();
        return j with
        {
            Status = status,
            FinishTime = status == "TRANSFERRING" ? null : EmulatorData.Iso(now),
            Finished = status == "TRANSFERRING" ? null : now,
            ErrorLog = status is "FAILED" or "PRECHECK FAILED" ? j.ErrorLog ?? "Restore failed: the backup file is damaged or incomplete." : null,
        };
    }

    private static bool TryTime(string raw, out DateTimeOffset value)
    {
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            try { value = DateTimeOffset.FromUnixTimeMilliseconds(ms); return true; }
            catch (ArgumentOutOfRangeException) { value = default; return false; }
        }
        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
