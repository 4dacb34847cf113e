using System.Management.Automation;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>Get-DcsMigrationTask and Get-DcsMigrationStats through the real engine, against the emulator over HTTP.</summary>
public sealed class DcsCmdletTests : ModuleTestBase
{

    public DcsCmdletTests(EmulatorFixture fx) : base(fx) { }

    private int ListRequests() => Emu.Requests.CountWhere(r => r.Path.EndsWith("/migration-tasks", StringComparison.Ordinal));

    [Fact]
    public void Lists_every_task_as_typed_objects_in_the_services_order()
    {
        var r = Ps.Run("Get-DcsMigrationTask").ThrowIfFailed();
        Assert.Equal(Emu.Data.DcsTasks.Select(t => t.TaskId), r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        var first = r.Output[0];
        Assert.Equal("MigrationTools.Core.Models.DcsMigrationTask", first.BaseObject.GetType().FullName);
        var created = Assert.IsType<DateTime>(first.Properties["CreatedAt"].Value);
        Assert.Equal(DateTimeKind.Utc, created.Kind);
        Assert.Equal(Emu.Region, first.Properties["Region"].Value);
        Assert.Equal(Emu.ProjectId, first.Properties["ProjectId"].Value);
        // 1,200 tasks at the default page size of 500: 3 pages, no more.
        Assert.Equal((Emu.Data.DcsTasks.Count + 499) / 500, ListRequests());
        // Signed like the official SDK: Content-Type, Host, X-Project-Id and X-Sdk-Date.
        var sent = Emu.Requests.Snapshot().First(q => q.Path.EndsWith("/migration-tasks", StringComparison.Ordinal));
        Assert.StartsWith("application/json", sent.Headers["Content-Type"]);
        Assert.Contains("SignedHeaders=content-type;host;x-project-id;x-sdk-date,", sent.Headers["Authorization"]);
    }

    [Fact]
    public void Where_Object_filters_on_the_typed_status()
    {
        var r = Ps.Run("Get-DcsMigrationTask | Where-Object Status -eq 'FAILED'").ThrowIfFailed();
        var expected = Emu.Data.DcsTasks.Where(t => t.Status == "FAILED").Select(t => t.TaskId).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        Assert.All(r.Output, o => Assert.NotNull(o.Properties["ErrorMessage"].Value));
    }

    [Fact]
    public void Name_is_sent_as_the_services_name_filter()
    {
        var r = Ps.Run("Get-DcsMigrationTask -Name orders").ThrowIfFailed();
        var expected = Emu.Data.DcsTasks.Where(t => t.TaskName.Contains("orders", StringComparison.OrdinalIgnoreCase)).Select(t => t.TaskId).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        Assert.All(Emu.Requests.Snapshot().Where(q => q.Path.EndsWith("/migration-tasks", StringComparison.Ordinal)), q => Assert.Contains("name=orders", q.QueryString));
    }

    [Fact]
    public void First_3_costs_exactly_one_request()
    {
        var r = Ps.Run("Get-DcsMigrationTask -First 3").ThrowIfFailed();
        Assert.Equal(3, r.Output.Count);
        Assert.Equal(1, ListRequests());
        Assert.Contains("limit=3", Emu.Requests.Snapshot().Single(q => q.Path.EndsWith("/migration-tasks", StringComparison.Ordinal)).QueryString);
    }

    [Fact]
    public void A_downstream_stop_ends_the_requests_too()
    {
        // What Select-Object -First 3 does (stop the upstream once three records are out), done with the core
        // engine's tools: a break out of the pipeline. The module must not fetch the other eleven pages.
        var r = Ps.Run("$n = 0; do { Get-DcsMigrationTask | ForEach-Object { $n++; if ($n -ge 3) { break } } } while ($false); $n").ThrowIfFailed();
        Assert.Equal(3, (int)r.Output.Single().BaseObject);
        Assert.Equal(1, ListRequests());
    }

    [Fact]
    public void Verbose_tells_each_page_as_it_arrives()
    {
        var r = Ps.Run("Get-DcsMigrationTask -First 750 -Verbose", ps => ps.Runspace.SessionStateProxy.SetVariable("VerbosePreference", "Continue")).ThrowIfFailed();
        Assert.Equal(750, r.Output.Count);
        Assert.Equal(new[]
        {
            $"DCS ListMigrationTask: 500 record(s) at offset=0, limit=500, of {Emu.Data.DcsTasks.Count}.",
            $"DCS ListMigrationTask: 250 record(s) at offset=500, limit=250, of {Emu.Data.DcsTasks.Count}.",
        }, r.Verbose);
    }

    [Fact]
    public void Skip_asks_for_the_right_offset_instead_of_fetching_and_discarding()
    {
        var total = Emu.Data.DcsTasks.Count;
        var r = Ps.Run($"Get-DcsMigrationTask -Skip {total - 5} -First 10").ThrowIfFailed();
        Assert.Equal(Emu.Data.DcsTasks.Skip(total - 5).Select(t => t.TaskId), r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        var q = Assert.Single(Emu.Requests.Snapshot(), x => x.Path.EndsWith("/migration-tasks", StringComparison.Ordinal));
        Assert.Contains($"offset={total - 5}", q.QueryString);
    }

    [Fact]
    public void IncludeTotalCount_reports_the_services_count()
    {
        var r = Ps.Run("Get-DcsMigrationTask -IncludeTotalCount -First 2").ThrowIfFailed();
        Assert.Equal(3, r.Output.Count);
        Assert.Equal((ulong)Emu.Data.DcsTasks.Count, r.Output[0].BaseObject);
        Assert.Equal(1, ListRequests());
    }

    [Fact]
    public void PageSize_sets_the_limit_and_is_validated_to_the_services_range()
    {
        Ps.Run("Get-DcsMigrationTask -PageSize 1000 -First 1500 | Out-Null").ThrowIfFailed();
        Assert.Contains(Emu.Requests.Snapshot(), q => q.QueryString.Contains("limit=1000"));

        var bad = Ps.Run("Get-DcsMigrationTask -PageSize 5000");
        var e = bad.SingleError();
        Assert.Equal("PageSizeOutOfRange,MigrationTools.Commands.GetDcsMigrationTaskCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains("-PageSize 5000", e.Exception.Message);
        Assert.Contains("1 to 1000", e.Exception.Message);
    }

    [Fact]
    public void TaskId_returns_the_tasks_details()
    {
        var task = Emu.Data.DcsTasks.First(t => t.MigrationType == "online_migration");
        var r = Ps.Run("Get-DcsMigrationTask -TaskId $args[0]", task.TaskId).ThrowIfFailed();
        var d = Assert.Single(r.Output);
        Assert.Equal("MigrationTools.Core.Models.DcsMigrationTaskDetail", d.BaseObject.GetType().FullName);
        Assert.Equal(task.TaskName, d.Properties["TaskName"].Value);
        Assert.Equal(task.NetworkType, d.Properties["NetworkType"].Value);
        Assert.Contains("/migration-task/" + task.TaskId, Emu.Requests.Snapshot()[^1].Path);
    }

    [Fact]
    public void Tasks_pipe_into_Get_DcsMigrationStats()
    {
        var online = Emu.Data.DcsTasks.Take(40).Where(t => t.Stats is not null).ToList();
        Assert.NotEmpty(online);
        var r = Ps.Run("Get-DcsMigrationTask -First 40 | Where-Object MigrationType -eq 'online_migration' | Get-DcsMigrationStats").ThrowIfFailed();
        Assert.Equal(online.Select(t => t.TaskId), r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        foreach (var (o, t) in r.Output.Zip(online))
        {
            Assert.IsType<long>(o.Properties["SourceDbSize"].Value);
            Assert.Equal(t.Stats!.SourceDbSize, (long)o.Properties["SourceDbSize"].Value);
            Assert.Equal(t.Stats.FullMigrationProgress, (double)o.Properties["FullMigrationProgress"].Value, 3);
            Assert.Equal(t.Stats.IsMigrating, (bool)o.Properties["IsMigrating"].Value);
        }
        // Each row names its task, carried from the piped task: one stats request per task and no other lookup.
        Assert.Equal(online.Select(t => t.TaskName), r.Output.Select(o => (string)o.Properties["TaskName"].Value));
        Assert.Equal(online.Count, Emu.Requests.CountWhere(q => q.Path.Contains("/migration-task/", StringComparison.Ordinal)));
        // Both wire forms went through: the emulator sends numbers for some tasks and strings for others.
        Assert.Contains(online, t => t.Stats!.AsStrings);
        Assert.Contains(online, t => !t.Stats!.AsStrings);
    }

    [Fact]
    public void Piped_backup_imports_are_skipped_with_one_warning_not_an_error_each()
    {
        var first40 = Emu.Data.DcsTasks.Take(40).ToList();
        var imports = first40.Count(t => t.MigrationType == "backupfile_import");
        Assert.True(imports > 0);
        var r = Ps.Run("Get-DcsMigrationTask -First 40 | Get-DcsMigrationStats");
        Assert.Equal(first40.Where(t => t.Stats is not null).Select(t => t.TaskId), r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        Assert.Empty(r.Errors);
        Assert.Equal($"Skipped {imports} backup-file import task(s): only online migrations have progress stats.", Assert.Single(r.Warnings));
        Assert.Equal(first40.Count - imports, Emu.Requests.CountWhere(q => q.Path.EndsWith("/stats", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_backup_import_asked_for_by_id_gets_the_services_answer()
    {
        var import = Emu.Data.DcsTasks.First(t => t.MigrationType == "backupfile_import");
        var e = Ps.Run("Get-DcsMigrationStats -TaskId $args[0]", import.TaskId).SingleError();
        Assert.Contains("DCS.4133", e.FullyQualifiedErrorId);
    }

    [Fact]
    public void Stats_take_task_ids_as_strings_from_the_pipeline_too()
    {
        var id = Emu.Data.DcsTasks.First(t => t.Stats is not null).TaskId;
        var r = Ps.Run("$args[0] | Get-DcsMigrationStats", id).ThrowIfFailed();
        Assert.Equal(id, Assert.Single(r.Output).Properties["TaskId"].Value);
    }

    [Fact]
    public void An_unknown_task_gives_the_services_error_code_message_and_request_id()
    {
        var r = Ps.Run("Get-DcsMigrationStats -TaskId 00000000-0000-0000-0000-000000000000");
        var e = r.SingleError();
        Assert.Contains("DCS.4133", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.Equal("00000000-0000-0000-0000-000000000000", e.TargetObject);
        Assert.Contains("Instance job is not found", e.Exception.Message);
        Assert.Contains("HTTP 400", e.Exception.Message);
        var requestId = Emu.Requests.Snapshot()[^1].Headers.GetValueOrDefault("X-Request-Id");
        Assert.Matches("Request id: [0-9a-f]{32}", e.Exception.Message);
    }
}
