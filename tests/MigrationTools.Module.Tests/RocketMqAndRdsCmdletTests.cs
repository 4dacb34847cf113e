using System.Management.Automation;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

public sealed class RocketMqCmdletTests : ModuleTestBase
{

    public RocketMqCmdletTests(EmulatorFixture fx) : base(fx) { }

    private RocketMqInstance Largest => Emu.Data.RocketMqInstances.OrderByDescending(i => i.Tasks.Count).First();

    [Fact]
    public void Lists_every_task_with_page_numbers_starting_at_one()
    {
        var inst = Largest;
        var r = Ps.Run("Get-RocketMqMigrationTask -InstanceId $args[0] -PageSize 100", inst.InstanceId).ThrowIfFailed();
        Assert.Equal(inst.Tasks.Select(t => t.Id), r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        Assert.All(r.Output, o => Assert.Equal(inst.InstanceId, o.Properties["InstanceId"].Value));
        var offsets = Emu.Requests.Snapshot().Where(q => q.Path.EndsWith("/metadata", StringComparison.Ordinal)).Select(q => System.Web.HttpUtility.ParseQueryString(q.QueryString)["offset"]).ToList();
        // Each page once; after the first they travel concurrently, so they may reach the service in any order.
        Assert.Equal(Enumerable.Range(1, (inst.Tasks.Count + 99) / 100), offsets.Select(o => int.Parse(o!, System.Globalization.CultureInfo.InvariantCulture)).OrderBy(i => i));
        Assert.Equal("1", offsets[0]);
        var start = r.Output.Select(o => o.Properties["StartDate"].Value).OfType<DateTime>().First();
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }

    [Fact]
    public void Skip_becomes_the_page_that_holds_the_record()
    {
        var inst = Largest;
        var r = Ps.Run("Get-RocketMqMigrationTask -InstanceId $args[0] -PageSize 50 -Skip 120 -First 3", inst.InstanceId).ThrowIfFailed();
        Assert.Equal(inst.Tasks.Skip(120).Take(3).Select(t => t.Id), r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        // -First 3 is smaller than a page, so the limit is 3 and the record 120 is on page 41.
        var q = Assert.Single(Emu.Requests.Snapshot(), x => x.Path.EndsWith("/metadata", StringComparison.Ordinal));
        Assert.Contains("offset=41", q.QueryString);
        Assert.Contains("limit=3", q.QueryString);
    }

    [Fact]
    public void An_instance_without_tasks_lists_nothing_after_one_request()
    {
        var empty = Emu.Data.RocketMqInstances.Single(i => i.Tasks.Count == 0);
        var r = Ps.Run("Get-RocketMqMigrationTask -InstanceId $args[0]", empty.InstanceId).ThrowIfFailed();
        Assert.Empty(r.Output);
        Assert.Equal(1, Emu.Requests.CountWhere(q => q.Path.EndsWith("/metadata", StringComparison.Ordinal)));
    }

    [Fact]
    public void TaskId_returns_rabbitmq_metadata_parsed_into_typed_collections()
    {
        var (inst, task) = Emu.Data.RocketMqInstances.SelectMany(i => i.Tasks.Select(t => (i, t))).First(x => x.t.Type == "rabbitToRocket" && x.t.Vhosts.Count > 0);
        var r = Ps.Run("Get-RocketMqMigrationTask -InstanceId $args[0] -TaskId $args[1]", inst.InstanceId, task.Id).ThrowIfFailed();
        var d = Assert.Single(r.Output);
        Assert.Equal("MigrationTools.Core.Models.RocketMqMigrationTaskDetail", d.BaseObject.GetType().FullName);
        Assert.Equal(task.Vhosts, ((System.Collections.IEnumerable)d.Properties["Vhosts"].Value).Cast<object>().Select(v => v.ToString()));
        Assert.Equal(task.Exchanges.Count, ((System.Collections.ICollection)d.Properties["Exchanges"].Value).Count);
        Assert.Equal(task.Queues.Count, ((System.Collections.ICollection)d.Properties["Queues"].Value).Count);
        Assert.Equal(task.Bindings.Count, ((System.Collections.ICollection)d.Properties["Bindings"].Value).Count);
        var firstExchange = Ps.Run("$args[0].Exchanges[0].Type", d).ThrowIfFailed();
        Assert.Equal(task.Exchanges[0].Type, firstExchange.Output.Single().BaseObject);
    }

    [Fact]
    public void Type_narrows_the_metadata_and_every_page_of_it_is_merged()
    {
        var (inst, task) = Emu.Data.RocketMqInstances.SelectMany(i => i.Tasks.Select(t => (i, t))).First(x => x.t.Type == "rabbitToRocket" && x.t.Vhosts.Count > 0);
        var r = Ps.Run("Get-RocketMqMigrationTask -InstanceId $args[0] -TaskId $args[1] -Type vhost", inst.InstanceId, task.Id).ThrowIfFailed();
        var d = Assert.Single(r.Output);
        Assert.Equal(task.Vhosts.Count, ((System.Collections.ICollection)d.Properties["Vhosts"].Value).Count);
        Assert.Empty((System.Collections.ICollection)d.Properties["Queues"].Value);
        Assert.Contains("type=vhost", Emu.Requests.Snapshot().Last(q => q.Path.EndsWith("/metadata", StringComparison.Ordinal)).QueryString);
    }

    [Fact]
    public void TaskId_returns_rocketmq_topics_and_groups()
    {
        var (inst, task) = Emu.Data.RocketMqInstances.SelectMany(i => i.Tasks.Select(t => (i, t))).First(x => x.t.Type == "rocketmq" && x.t.Topics.Count > 0);
        var r = Ps.Run("Get-RocketMqMigrationTask -InstanceId $args[0] | Where-Object TaskId -eq $args[1] | Get-RocketMqMigrationTask", inst.InstanceId, task.Id).ThrowIfFailed();
        var d = Assert.Single(r.Output);
        Assert.Equal(task.Topics.OrderBy(x => x), ((System.Collections.IEnumerable)d.Properties["Topics"].Value).Cast<object>().Select(t => t.ToString()!).OrderBy(x => x));
        Assert.Equal(task.Groups.OrderBy(x => x), ((System.Collections.IEnumerable)d.Properties["SubscriptionGroups"].Value).Cast<object>().Select(t => t.ToString()!).OrderBy(x => x));
    }

    [Theory]
    [InlineData("-Type vhost", "Type")]
    [InlineData("-Name vhost1", "Name")]
    public void Type_or_Name_without_TaskId_is_refused_before_any_request(string args, string parameter)
    {
        var e = Ps.Run($"Get-RocketMqMigrationTask -InstanceId $args[0] {args}", Largest.InstanceId).SingleError();
        Assert.Equal("TaskIdRequired,MigrationTools.Commands.GetRocketMqMigrationTaskCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains($"-{parameter}", e.Exception.Message);
        Assert.Contains("-TaskId", e.Exception.Message);
        Assert.Equal(0, Emu.Requests.CountWhere(q => q.Path.EndsWith("/metadata", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_unknown_instance_is_object_not_found_with_the_dms_code()
    {
        var e = Ps.Run("Get-RocketMqMigrationTask -InstanceId 11111111-2222-3333-4444-555555555555").SingleError();
        Assert.Contains("DMS.00404022", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
    }
}

public sealed class RdsCmdletTests : ModuleTestBase
{

    public RdsCmdletTests(EmulatorFixture fx) : base(fx) { }

    // The service's default order: newest first (sort_key created_at, sort_dir desc).
    private IEnumerable<DrsBackupMigrationJob> Jobs => Emu.Data.DrsJobs.OrderByDescending(j => j.Created);

    private IEnumerable<LoggedRequest> JobRequests() => Emu.Requests.Snapshot().Where(q => q.Path.EndsWith("/backup-migration-jobs", StringComparison.Ordinal));

    [Fact]
    public void Lists_every_job_from_the_drs_api()
    {
        var r = Ps.Run("Get-RdsBackupMigrationJob").ThrowIfFailed();
        Assert.Equal(Jobs.Select(j => j.Id), r.Output.Select(o => (string)o.Properties["JobId"].Value));
        Assert.All(JobRequests(), q => Assert.StartsWith("/v5/" + Emu.ProjectId + "/", q.Path));
        var job = r.Output.First(o => o.Properties["FinishTime"].Value is not null);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)job.Properties["CreateTime"].Value).Kind);
    }

    [Fact]
    public void Status_with_a_space_is_sent_encoded_and_filters()
    {
        var r = Ps.Run("Get-RdsBackupMigrationJob -Status 'PRECHECK FAILED'").ThrowIfFailed();
        var expected = Jobs.Where(j => j.Status == "PRECHECK FAILED").Select(j => j.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, r.Output.Select(o => (string)o.Properties["JobId"].Value));
        Assert.All(JobRequests(), q => Assert.Contains("status=PRECHECK%20FAILED", q.QueryString));
    }

    [Fact]
    public void Every_filter_reaches_the_service_as_its_query_parameter()
    {
        var ids = Emu.Data.RdsInstanceIds.Take(2).ToArray();
        Ps.Run("Get-RdsBackupMigrationJob -Name DRS -DbInstanceId $args[0],$args[1] -Description d -CreateAt 1700000000000 -CompletedAt 1800000000000 " +
                "-EnterpriseProjectId 0 -Tag 'env=prod' -SortKey created_at -SortDirection asc -Language zh-cn -PageSize 7 -First 1", ids[0], ids[1]).ThrowIfFailed();
        var q = JobRequests().Single();
        var query = System.Web.HttpUtility.ParseQueryString(q.QueryString);
        Assert.Equal("DRS", query["name"]);
        Assert.Equal(ids.OrderBy(x => x, StringComparer.Ordinal), query.GetValues("dbs_instance_ids")!.OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal("d", query["description"]);
        Assert.Equal("1700000000000", query["create_at"]);
        Assert.Equal("1800000000000", query["completed_at"]);
        Assert.Equal("0", query["enterprise_project_id"]);
        Assert.Equal("env=prod", query["tags"]);
        Assert.Equal("created_at", query["sort_key"]);
        Assert.Equal("asc", query["sort_dir"]);
        Assert.Equal("1", query["limit"]);
        Assert.Equal("zh-cn", q.Headers["X-Language"]);
    }

    [Fact]
    public void A_datetime_time_filter_is_sent_as_iso_8601_utc()
    {
        var since = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var r = Ps.Run("Get-RdsBackupMigrationJob -CreateAt ([datetimeoffset]$args[0]).UtcDateTime -CompletedAt $args[1] -First 5", since.ToString("o"), "1800000000000").ThrowIfFailed();
        var query = System.Web.HttpUtility.ParseQueryString(JobRequests().Single().QueryString);
        Assert.Equal("2025-01-02T03:04:05Z", query["create_at"]);
        Assert.Equal("1800000000000", query["completed_at"]);
        Assert.All(r.Output, o => Assert.True((DateTime)o.Properties["CreateTime"].Value >= since.UtcDateTime));
    }

    [Fact]
    public void DbInstanceId_filters_by_instance()
    {
        var id = Emu.Data.RdsInstanceIds[0];
        var r = Ps.Run("Get-RdsBackupMigrationJob -DbInstanceId $args[0]", id).ThrowIfFailed();
        Assert.Equal(Jobs.Where(j => j.InstanceId == id).Select(j => j.Id), r.Output.Select(o => (string)o.Properties["JobId"].Value));
    }

    [Fact]
    public void More_than_ten_instance_ids_are_refused_before_any_request()
    {
        var e = Ps.Run("Get-RdsBackupMigrationJob -DbInstanceId (1..11 | ForEach-Object { \"id$_\" })").SingleError();
        Assert.Contains("DbInstanceId", e.Exception.Message);
        Assert.Contains("10", e.Exception.Message);
        Assert.Empty(JobRequests());
    }

    [Fact]
    public void Status_outside_the_documented_set_names_the_allowed_values()
    {
        var e = Ps.Run("Get-RdsBackupMigrationJob -Status DONE").SingleError();
        Assert.Contains("Status", e.Exception.Message);
        Assert.Contains("PRECHECK FAILED", e.Exception.Message);
    }
}
