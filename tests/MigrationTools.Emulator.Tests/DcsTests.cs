using System.Text.Json;
using System.Text.RegularExpressions;

namespace MigrationTools.Emulator.Tests;

public class DcsTests(EmulatorFixture f) : EmulatorTestBase(f.Host, f.Http), IClassFixture<EmulatorFixture>
{
    private string List => $"/v2/{P}/migration-tasks";

    private static readonly string[] ListFields =
    [
        "task_id", "task_name", "status", "migration_type", "migration_method", "ecs_tenant_private_ip", "data_source",
        "source_instance_name", "source_instance_id", "target_instance_addrs", "target_instance_name", "target_instance_id",
        "created_at", "description", "source_instance_status", "target_instance_status", "source_instance_subnet_id",
        "target_instance_subnet_id", "source_instance_spec_code", "target_instance_spec_code", "error_message",
        "released_at", "version", "resume_mode", "supported_features",
    ];

    [Fact]
    public async Task Default_page_is_ten_and_count_is_the_total()
    {
        var r = await Get(List);
        Assert.Equal(200, r.Status);
        Assert.Equal(EmulatorData.DcsTaskCount, r.Body!["count"]!.GetValue<int>());
        var tasks = r.Body["migration_tasks"]!.AsArray();
        Assert.Equal(10, tasks.Count);
        Assert.Equal(Host.Data.DcsTasks[0].TaskId, tasks[0]!["task_id"]!.GetValue<string>());
        foreach (var t in tasks)
            foreach (var field in ListFields)
                Assert.True(t!.AsObject().ContainsKey(field), field);
    }

    [Fact]
    public async Task Offset_and_limit_page_through_records()
    {
        var r = await Get(Q(List, ("offset", "25"), ("limit", "50")));
        var ids = r.Body!["migration_tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()).ToList();
        Assert.Equal(Host.Data.DcsTasks.Skip(25).Take(50).Select(t => t.TaskId), ids);

        var last = await Get(Q(List, ("offset", "1190"), ("limit", "1000")));
        Assert.Equal(10, last.Body!["migration_tasks"]!.AsArray().Count);
        var beyond = await Get(Q(List, ("offset", "5000")));
        Assert.Empty(beyond.Body!["migration_tasks"]!.AsArray());
        Assert.Equal(1200, beyond.Body["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("offset", "-1")]
    [InlineData("offset", "abc")]
    [InlineData("limit", "0")]
    [InlineData("limit", "1001")]
    public async Task Invalid_paging_is_a_400_dcs_error(string key, string value)
    {
        var r = await Get(Q(List, (key, value)));
        Assert.Equal(400, r.Status);
        Assert.StartsWith("DCS.", r.Body!["error_code"]!.GetValue<string>());
        Assert.True(r.Body.AsObject().ContainsKey("error_ext_msg"));
        Assert.Equal(JsonValueKind.Null, Kind(r.Body["error_ext_msg"]));
    }

    [Fact]
    public async Task Name_filter_is_a_fuzzy_match()
    {
        var expected = Host.Data.DcsTasks.Where(t => t.TaskName.Contains("dcs-migration-orders")).ToList();
        Assert.True(expected.Count > 20);
        var r = await Get(Q(List, ("name", "dcs-migration-orders"), ("limit", "1000")));
        Assert.Equal(expected.Count, r.Body!["count"]!.GetValue<int>());
        Assert.All(r.Body["migration_tasks"]!.AsArray(), t => Assert.Contains("orders", t!["task_name"]!.GetValue<string>()));
    }

    [Fact]
    public void Data_set_has_the_quirks()
    {
        var tasks = Host.Data.DcsTasks;
        Assert.Equal(1200, tasks.Count);
        Assert.Equal(["FAILED", "MIGRATING", "SUCCESS", "TERMINATED"], tasks.Select(t => t.Status).Distinct().Order());
        Assert.All(tasks, t => Assert.Equal(t.Status == "FAILED", t.ErrorMessage is not null));
        Assert.All(tasks.Where(t => t.ReleasedAt is not null), t => Assert.Matches("^20[0-9]{10}$", t.ReleasedAt!));
        Assert.Contains(tasks, t => t.ReleasedAt is null);
        Assert.All(tasks, t => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", t.CreatedAt));
        Assert.Contains(tasks, t => t.SelfHostedSource && t.SourceInstanceName == "" && t.SourceInstanceId == "");
        Assert.Contains(tasks, t => t.MigrationType == "backupfile_import" && t.SourceInstanceName is null);
        Assert.True(tasks.Count(t => t.SupportedFeatures.Count == 0) > tasks.Count / 2);
        Assert.Contains(tasks, t => t.Stats is { AsStrings: true });
        Assert.Contains(tasks, t => t.Stats is { AsStrings: false } s && s.FullMigrationProgress != Math.Floor(s.FullMigrationProgress));
        // Deterministic: the same seed gives the same data.
        var again = new EmulatorData(42, Host.ProjectId, Host.DomainId, Host.Region);
        Assert.Equal(tasks.Select(t => t.TaskId), again.DcsTasks.Select(t => t.TaskId));
    }

    [Fact]
    public async Task Show_task_returns_the_detail_or_DCS_4133()
    {
        var online = Host.Data.DcsTasks.First(t => t.MigrationType == "online_migration");
        var r = await Get($"/v2/{P}/migration-task/{online.TaskId}");
        Assert.Equal(200, r.Status);
        Assert.Equal(online.TaskName, r.Body!["task_name"]!.GetValue<string>());
        Assert.Equal(online.TargetInstanceId, r.Body["target_instance"]!["id"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.String, Kind(r.Body["target_instance"]!["port"]));
        foreach (var k in new[] { "backup_files", "network_type", "source_instance", "updated_at", "tenant_vpc_id", "bandwidth_limit_mb", "task_status" })
            Assert.True(r.Body.AsObject().ContainsKey(k) || k == "backup_files", k);

        var import = Host.Data.DcsTasks.First(t => t.MigrationType == "backupfile_import" && t.BucketName is not null);
        var ri = await Get($"/v2/{P}/migration-task/{import.TaskId}");
        Assert.Equal(import.BucketName, ri.Body!["backup_files"]!["bucket_name"]!.GetValue<string>());

        var missing = await Get($"/v2/{P}/migration-task/{Guid.Empty}");
        Assert.Equal(400, missing.Status);
        Assert.Equal("DCS.4133", missing.Body!["error_code"]!.GetValue<string>());
        Assert.Equal("Instance job is not found.", missing.Body["error_msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stats_send_numbers_for_even_tasks_and_strings_for_odd_ones()
    {
        var even = Host.Data.DcsTasks.First(t => t.Stats is not null && t.Index % 2 == 0);
        var odd = Host.Data.DcsTasks.First(t => t.Stats is not null && t.Index % 2 == 1);
        var re = await Get($"/v2/{P}/migration-task/{even.TaskId}/stats");
        var ro = await Get($"/v2/{P}/migration-task/{odd.TaskId}/stats");
        foreach (var k in new[] { "full_migration_progress", "offset", "source_dbsize", "target_dbsize", "target_input_kbps", "target_ops" })
        {
            Assert.Equal(JsonValueKind.Number, Kind(re.Body![k]));
            Assert.Equal(JsonValueKind.String, Kind(ro.Body![k]));
            Assert.Matches(new Regex(@"^\d+(\.\d+)?$"), ro.Body![k]!.GetValue<string>());
        }
        Assert.Equal(odd.Stats!.SourceDbSize.ToString(System.Globalization.CultureInfo.InvariantCulture), ro.Body!["source_dbsize"]!.GetValue<string>());
        Assert.Equal(even.Stats!.SourceDbSize, re.Body!["source_dbsize"]!.GetValue<long>());
        Assert.Equal(even.Stats.IsMigrating, re.Body["is_migrating"]!.GetValue<bool>());
        Assert.Contains(Kind(ro.Body["is_migrating"]), new[] { JsonValueKind.True, JsonValueKind.False });

        var import = Host.Data.DcsTasks.First(t => t.MigrationType == "backupfile_import");
        var ri = await Get($"/v2/{P}/migration-task/{import.TaskId}/stats");
        Assert.Equal(400, ri.Status);
        Assert.Equal("DCS.4133", ri.Body!["error_code"]!.GetValue<string>());
        var unknown = await Get($"/v2/{P}/migration-task/nope/stats");
        Assert.Equal("DCS.4133", unknown.Body!["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fractional_progress_is_sent_as_is()
    {
        var t = Host.Data.DcsTasks.First(t => t.Stats is { AsStrings: false } s && s.FullMigrationProgress != Math.Floor(s.FullMigrationProgress));
        var r = await Get($"/v2/{P}/migration-task/{t.TaskId}/stats");
        Assert.Equal(t.Stats!.FullMigrationProgress, r.Body!["full_migration_progress"]!.GetValue<double>());
    }
}
