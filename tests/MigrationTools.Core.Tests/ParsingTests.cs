using System.Text.Json;
using MigrationTools.Core.Apis;
using MigrationTools.Core.Json;
using MigrationTools.Core.Models;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>Every documented example answer, and every quirk the pages show, parses into the typed models.</summary>
public sealed class ParsingTests
{
    private static T Parse<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Deserialize(json, type)!;

    [Fact]
    public void Dcs_list_example_from_the_page()
    {
        const string json = """
        { "count" : 1, "migration_tasks" : [ {
            "task_id" : "2944a563-6f27-4604-9c16-a9a53cd95cc7", "task_name" : "dcs-migration-test-6-16", "status" : "TERMINATED",
            "migration_type" : "online_migration", "migration_method" : "incremental_migration", "data_source" : "192.168.0.200:6379",
            "source_instance_name" : "migration-resource", "source_instance_id" : "132e0017-715b-4556-930a-95c7db7e8f7a",
            "target_instance_addrs" : "192.168.0.153:6379", "target_instance_name" : "migration-target",
            "target_instance_id" : "eb1a8d1c-9ea6-4fcd-ac43-c3d3c2493f06", "created_at" : "2021-06-16T06:12:55.508Z",
            "description" : "dcs-test", "source_instance_status" : "RUNNING", "target_instance_status" : "RUNNING",
            "source_instance_subnet_id" : "192.168.0.1", "target_instance_subnet_id" : "192.168.0.2",
            "source_instance_spec_code" : "redis.single.xu1.tiny.128", "target_instance_spec_code" : "redis.single.xu1.tiny.128",
            "error_message" : null, "released_at" : "202404011057", "version" : "6.0.21", "resume_mode" : "auto",
            "supported_features" : [ ], "a_field_added_tomorrow": {"x": 1} } ] }
        """;
        var page = Parse(json, DcsApi.MigrationTasks.PageType);
        Assert.Equal(1, page.Total);
        var t = Assert.Single(page.Records!);
        Assert.Equal("2944a563-6f27-4604-9c16-a9a53cd95cc7", t.TaskId);
        Assert.Equal("TERMINATED", t.Status);
        Assert.Equal(new DateTime(2021, 6, 16, 6, 12, 55, 508, DateTimeKind.Utc), t.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, t.CreatedAt!.Value.Kind);
        Assert.Equal(new DateTime(2024, 4, 1, 10, 57, 0, DateTimeKind.Utc), t.ReleasedAt);
        Assert.Null(t.ErrorMessage);
        Assert.Empty(t.SupportedFeatures);
        Assert.Equal("", t.SupportedFeatures.ToString());
    }

    [Fact]
    public void Dcs_stats_accepts_the_examples_numbers_and_the_tables_strings()
    {
        var numbers = Parse("""{ "full_migration_progress" : 100, "offset" : 100, "source_dbsize" : 531221, "target_dbsize" : 531211, "target_input_kbps" : 50, "target_ops" : 5300, "is_migrating" : true }""",
            DcsApi.MigrationStats.AnswerType);
        var strings = Parse("""{ "full_migration_progress" : "99.5", "offset" : "100", "source_dbsize" : "531221", "target_dbsize" : "531211", "target_input_kbps" : "50.25", "target_ops" : "5300", "is_migrating" : "false" }""",
            DcsApi.MigrationStats.AnswerType);
        Assert.Equal(100d, numbers.FullMigrationProgress);
        Assert.Equal(531221L, numbers.SourceDbSize);
        Assert.Equal(5300L, numbers.TargetOps);
        Assert.True(numbers.IsMigrating);
        Assert.Equal(99.5d, strings.FullMigrationProgress);
        Assert.Equal(531211L, strings.TargetDbSize);
        Assert.Equal(50.25d, strings.TargetInputKbps);
        Assert.False(strings.IsMigrating);
    }

    [Fact]
    public void Rocketmq_example_with_its_zoneless_two_digit_fraction_time()
    {
        var page = Parse("""{ "total" : 1, "task" : [ { "id" : "6cf4dcd3-8471-4139-8b5b-8a3a71f704c7", "name" : "task-932331847", "start_date" : "2023-03-13 19:43:32.12", "status" : "finished", "type" : "rabbitToRocket" } ] }""",
            RocketMqApi.MigrationTasks.PageType);
        var t = Assert.Single(page.Records!);
        Assert.Equal(1, page.Total);
        Assert.Equal("task-932331847", t.TaskName);
        Assert.Equal(new DateTime(2023, 3, 13, 19, 43, 32, 120, DateTimeKind.Utc), t.StartDate);
        Assert.Equal("rabbitToRocket", t.Type);
    }

    [Fact]
    public void Drs_example_with_iso_times_and_its_error_example()
    {
        var page = Parse("""{ "jobs" : [ { "id" : "0667845a-6291-4e2a-95b0-190c0abjb703", "name" : "DRS-6813", "status" : "SUCCESS", "description": "Destination RDS instance name: rds-sqlserver2022-stand", "engine_type" : "sqlserver", "create_time" : "2024-08-19T02:27:15Z", "finish_time" : "2024-08-19T02:29:03Z", "enterprise_project_id" : "0" } ], "count" : 35 }""",
            DrsApi.BackupMigrationJobs.PageType);
        Assert.Equal(35, page.Total);
        var j = Assert.Single(page.Records!);
        Assert.Equal("0667845a-6291-4e2a-95b0-190c0abjb703", j.JobId);
        Assert.Equal(new DateTime(2024, 8, 19, 2, 27, 15, DateTimeKind.Utc), j.CreateTime);
        Assert.Equal(new DateTime(2024, 8, 19, 2, 29, 3, DateTimeKind.Utc), j.FinishTime);
        Assert.Null(j.ErrorLog);
    }

    [Theory]
    [InlineData("2021-06-16T06:12:55.508Z", 2021, 6, 16, 6, 12, 55, 508)]
    [InlineData("2023-03-13 19:43:32.12", 2023, 3, 13, 19, 43, 32, 120)]
    [InlineData("2023-03-13 19:43:32", 2023, 3, 13, 19, 43, 32, 0)]
    [InlineData("2024-08-19T02:27:15Z", 2024, 8, 19, 2, 27, 15, 0)]
    [InlineData("202404011057", 2024, 4, 1, 10, 57, 0, 0)]
    [InlineData("2024-08-19T10:27:15+08:00", 2024, 8, 19, 2, 27, 15, 0)]
    [InlineData("2026-11-23T10:00:00.000000Z", 2026, 11, 23, 10, 0, 0, 0)]
    [InlineData("1724034435000", 2024, 8, 19, 2, 27, 15, 0)]
    [InlineData("2024-08-19 02:27:15Z", 2024, 8, 19, 2, 27, 15, 0)]
    [InlineData("2024-08-19T02:27:15.1234567Z", 2024, 8, 19, 2, 27, 15, 123)]
    public void Every_time_format_of_the_services_becomes_utc(string text, int y, int mo, int d, int h, int mi, int s, int ms)
    {
        Assert.True(UtcDateTimeConverter.TryParse(text, out var value));
        Assert.Equal(new DateTime(y, mo, d, h, mi, s, ms, DateTimeKind.Utc), value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMillisecond)));
        Assert.Equal(DateTimeKind.Utc, value.Kind);
        // The same from a page, where "...Z" is read straight from the bytes: the same instant, to the tick.
        var read = Parse($$"""{ "migration_tasks": [ { "created_at": "{{text}}" } ] }""", DcsApi.MigrationTasks.PageType).Records![0].CreatedAt;
        Assert.Equal(value, read);
        Assert.Equal(DateTimeKind.Utc, read!.Value.Kind);
    }

    [Fact]
    public void Null_and_empty_times_stay_null()
    {
        var t = Parse("""{ "migration_tasks": [ { "created_at": null, "released_at": "" } ] }""", DcsApi.MigrationTasks.PageType).Records![0];
        Assert.Null(t.CreatedAt);
        Assert.Null(t.ReleasedAt);
    }

    [Fact]
    public void A_status_the_service_adds_tomorrow_is_kept_as_text()
    {
        var t = Parse("""{ "migration_tasks": [ { "status": "INCRMIGEATING" } ] }""", DcsApi.MigrationTasks.PageType).Records![0];
        Assert.Equal("INCRMIGEATING", t.Status);
    }

    [Fact]
    public void A_number_where_the_page_promises_text_is_kept_as_text()
    {
        var t = Parse("""{ "migration_tasks": [ { "version": 6, "description": true } ] }""", DcsApi.MigrationTasks.PageType).Records![0];
        Assert.Equal("6", t.Version);
        Assert.Equal("true", t.Description);
    }

    [Theory]
    [InlineData("""{ "count": "abc", "migration_tasks": [] }""", "$.count")]
    [InlineData("""{ "count": 1, "migration_tasks": { "task_id": "x" } }""", "$.migration_tasks")]
    [InlineData("""{ "migration_tasks": [ { "created_at": "yesterday" } ] }""", "created_at")]
    public void A_wrong_type_fails_with_the_fields_path(string json, string path)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => Parse(json, DcsApi.MigrationTasks.PageType));
        Assert.Contains(path, ex.Path ?? "");
    }

    [Fact]
    public void Dcs_detail_shows_an_unnamed_instance_by_its_address_and_files_as_a_list()
    {
        var d = Parse("""
        { "task_id": "t1", "source_instance": { "id": "", "name": "", "addrs": "192.168.5.31:6380" },
          "target_instance": { "id": "inst-1", "name": "", "addrs": "" },
          "backup_files": { "bucket_name": "bk", "files": [ { "file_name": "a.rdb" }, { "file_name": "b.rdb" } ] } }
        """, DcsApi.MigrationTask.AnswerType);
        Assert.Equal("192.168.5.31:6380", d.SourceInstance!.ToString());
        Assert.Equal("inst-1", d.TargetInstance!.ToString());
        Assert.Equal("bk: a.rdb; b.rdb", d.BackupFiles!.ToString());
    }

    [Fact]
    public void Dcs_detail_reads_nested_instances_and_never_models_passwords()
    {
        var d = Parse("""
        { "task_id": "t1", "task_name": "n", "status": "MIGRATING", "network_type": "vpc", "bandwidth_limit_mb": "100",
          "source_instance": { "addrs": "10.0.0.1:6379", "password": "s3cret", "port": "6379", "ip": "10.0.0.1", "proxy_multi_db": false },
          "target_instance": { "id": "inst-1", "name": "target", "password": "s3cret" },
          "backup_files": { "file_source": "self_build_obs", "bucket_name": "bk", "files": [ { "file_name": "a.rdb", "size": "1024", "update_at": "2024-01-02 03:04:05" } ] },
          "created_at": "2024-01-01T00:00:00.000Z", "updated_at": null }
        """, DcsApi.MigrationTask.AnswerType);
        Assert.Equal(100L, d.BandwidthLimitMb);
        Assert.Equal(6379L, d.SourceInstance!.Port);
        Assert.Equal("10.0.0.1:6379", d.SourceInstance.ToString());
        Assert.Equal("target", d.TargetInstance!.ToString());
        Assert.Equal("bk: a.rdb", d.BackupFiles!.ToString());
        Assert.Equal(1024L, d.BackupFiles.Files[0].Size);
        Assert.Null(d.UpdatedAt);
        Assert.DoesNotContain(typeof(DcsMigrationEndpoint).GetProperties(), p => p.Name.Contains("Password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Readable_lists_print_their_items_not_a_type_name()
    {
        var list = new ReadableList<string>(new[] { "a", "b" });
        Assert.Equal("a; b", list.ToString());
        Assert.Equal("", new ReadableList<string>(null).ToString());
    }

    [Theory]
    [InlineData("\"db1,db2\"", "db1; db2")]          // a string, as the SDKs model new_db_names
    [InlineData("\" db1 , ,db2\"", "db1; db2")]
    [InlineData("[\"db1\",\"db2\"]", "db1; db2")]    // a list, should a service send one
    [InlineData("\"\"", "")]
    [InlineData("null", "")]
    public void Drs_job_detail_new_db_names_is_read_as_names_from_a_string_or_a_list(string value, string expected)
    {
        var job = Parse("{\"id\":\"j1\",\"status\":\"SUCCESS\",\"new_db_names\":" + value + "}", DrsApi.BackupMigrationJob.AnswerType);
        Assert.Equal(expected, job.NewDbNames.ToString());
    }
}
