using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MigrationTools.Emulator.Tests;

/// <summary>Issue 10 routes: DRS ShowReplicationJob, DMS ListInstances, and tasks that progress over time.</summary>
public sealed class WorkflowRouteTests(EmulatorFixture fx) : EmulatorTestBase(fx.Host, fx.Http), IClassFixture<EmulatorFixture>
{
    private string Job(string id) => $"/v5/{P}/backup-migration-jobs/{id}";

    [Fact]
    public async Task The_job_detail_matches_its_list_entry_and_has_the_SDK_fields()
    {
        var job = Host.Data.DrsJobs.First(j => j.Status == "FAILED");
        var r = await Get(Job(job.Id));
        Assert.Equal(200, r.Status);
        var b = r.Body!;
        Assert.Equal(job.Id, b["id"]!.GetValue<string>());
        Assert.Equal("FAILED", b["status"]!.GetValue<string>());
        Assert.Equal(job.ErrorLog, b["error_log"]!.GetValue<string>());
        Assert.Equal(job.InstanceName, b["instance_name"]!.GetValue<string>());
        // One comma-separated string, as the SDKs' ShowReplicationJobResponse models new_db_names.
        Assert.Equal(string.Join(",", Host.Data.DrsDetailOf(job).DbNames), b["new_db_names"]!.GetValue<string>());
        Assert.Equal("OBS", b["backup_info"]!["file_source"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.String, Kind(b["backup_info"]!["file_info"]![0]!["file_size"])); // a string in the SDK
        Assert.Equal(job.InstanceId, b["target_db_info"]!["target_instance_id"]!.GetValue<string>());
        Assert.Equal("sqlserver", b["base_info"]!["engine_type"]!.GetValue<string>());
        Assert.Equal(job.Tags.Count, b["base_info"]!["tags"]!.AsArray().Count);
        // Deterministic: the same answer twice.
        Assert.Equal(b.ToJsonString(), (await Get(Job(job.Id))).Body!.ToJsonString());
    }

    [Fact]
    public async Task An_unknown_job_is_a_DRS_not_found_error()
    {
        var r = await Get(Job("00000000-0000-4000-8000-000000000000"));
        Assert.Equal(404, r.Status);
        Assert.Equal("DRS.10010004", r.Body!["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListInstances_filters_on_engine_and_pages_by_record_offset()
    {
        // By default the emulator is a service as the SDKs describe it: instances say rocketmq, reliability is its alias.
        foreach (var engine in new[] { "rocketmq", "reliability" })
        {
            var rocket = await Get(Q($"/v2/{P}/instances", ("engine", engine)));
            Assert.Equal(Host.Data.RocketMqInstances.Count, rocket.Body!["instance_num"]!.GetValue<int>());
            Assert.Equal(Host.Data.RocketMqInstances.Select(i => i.InstanceId), rocket.Body["instances"]!.AsArray().Select(i => i!["instance_id"]!.GetValue<string>()));
            Assert.All(rocket.Body["instances"]!.AsArray(), i => Assert.Equal("rocketmq", i!["engine"]!.GetValue<string>()));
        }

        var all = await Get(Q($"/v2/{P}/instances", ("offset", "2"), ("limit", "2")));
        Assert.Equal(Host.Data.RocketMqInstances.Count + Host.Data.OtherEngineInstances.Count, all.Body!["instance_num"]!.GetValue<int>());
        var page = all.Body["instances"]!.AsArray().Select(i => i!["engine"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { "rocketmq", "kafka" }, page);

        Assert.Equal(400, (await Get(Q($"/v2/{P}/instances", ("limit", "51")))).Status);
    }

    [Fact]
    public async Task A_planned_task_runs_for_its_polls_then_ends_and_the_stats_rise()
    {
        var task = Host.Data.DcsTasks.Where(t => t.Status == "MIGRATING" && t.Stats is not null).Skip(10).First();
        var put = await Http.PutAsJsonAsync(new Uri(Host.BaseUri, "/_emulator/progress"), new { id = task.TaskId, polls = 2 });
        Assert.Equal(200, (int)put.StatusCode);
        string Status(JsonNode? b) => b!["status"]!.GetValue<string>();
        double Progress(JsonNode? b) => double.Parse(b!["full_migration_progress"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);

        var show = $"/v2/{P}/migration-task/{task.TaskId}";
        var stats = show + "/stats";
        Assert.Equal("MIGRATING", Status((await Get(show)).Body));
        var p1 = Progress((await Get(stats)).Body);
        Assert.Equal("MIGRATING", Status((await Get(show)).Body));
        var p2 = Progress((await Get(stats)).Body);
        Assert.True(p2 > p1, $"{p1} then {p2}");
        Assert.Equal("SUCCESS", Status((await Get(show)).Body));
        Assert.Equal(100, Progress((await Get(stats)).Body));
        // The list shows the same state.
        var list = await Get(Q($"/v2/{P}/migration-tasks", ("limit", "1000")));
        Assert.Equal("SUCCESS", Status(list.Body!["migration_tasks"]!.AsArray().First(t => t!["task_id"]!.GetValue<string>() == task.TaskId)));
    }

    [Fact]
    public async Task A_list_page_that_shows_a_planned_task_counts_as_a_poll_and_a_page_without_it_does_not()
    {
        // Clients that wait by listing (the Wait-* cmdlets) read the state from the list: each page holding the task
        // is a read of it. The stats never count.
        var (task, index) = Host.Data.DcsTasks.Select((t, i) => (t, i))
            .Where(x => x.t.Status == "MIGRATING" && x.t.Stats is not null && x.t.MigrationMethod == "full_amount_migration").Skip(3).First();
        var put = await Http.PutAsJsonAsync(new Uri(Host.BaseUri, "/_emulator/progress"), new { id = task.TaskId, polls = 2 });
        Assert.Equal(200, (int)put.StatusCode);
        string StatusInList(JsonNode? b) => b!["migration_tasks"]!.AsArray().First(t => t!["task_id"]!.GetValue<string>() == task.TaskId)!["status"]!.GetValue<string>();
        var holding = Q($"/v2/{P}/migration-tasks", ("offset", index.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("limit", "1"));
        var other = Q($"/v2/{P}/migration-tasks", ("offset", (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("limit", "1"));
        Assert.Equal("MIGRATING", StatusInList((await Get(holding)).Body));
        await Get(other);
        await Get($"/v2/{P}/migration-task/{task.TaskId}/stats");
        Assert.Equal("MIGRATING", StatusInList((await Get(holding)).Body));
        Assert.Equal("SUCCESS", StatusInList((await Get(holding)).Body));

        // DRS: every list request reads each planned job (its filters look at the status), so a job that ended
        // leaves the list of TRANSFERRING jobs.
        var job = Host.Data.DrsJobs.First(j => j.Status == "TRANSFERRING");
        put = await Http.PutAsJsonAsync(new Uri(Host.BaseUri, "/_emulator/progress"), new { id = job.Id, polls = 1 });
        Assert.Equal(200, (int)put.StatusCode);
        var transferring = Q($"/v5/{P}/backup-migration-jobs", ("status", "TRANSFERRING"), ("limit", "2000"));
        bool Listed(JsonNode? b) => b!["jobs"]!.AsArray().Any(j => j!["id"]!.GetValue<string>() == job.Id);
        Assert.True(Listed((await Get(transferring)).Body));
        Assert.False(Listed((await Get(transferring)).Body));
    }

    [Fact]
    public async Task A_plan_for_an_unknown_id_is_refused()
    {
        var put = await Http.PutAsJsonAsync(new Uri(Host.BaseUri, "/_emulator/progress"), new { id = "nope", polls = 1 });
        Assert.Equal(400, (int)put.StatusCode);
    }
}
