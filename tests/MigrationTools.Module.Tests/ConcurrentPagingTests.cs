using System.Management.Automation;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>Ordered concurrent paging through the real engine and HTTP: order, exactly once, -ThrottleLimit, progress.</summary>
public sealed class ConcurrentPagingTests(EmulatorFixture fx) : ModuleTestBase(fx)
{
    private List<string> ServiceOrder => Emu.Data.DcsTasks.Select(t => t.TaskId).ToList();

    private static List<string> TaskIds(RunResult r) => r.Output.Select(o => (string)o.Properties["TaskId"].Value).ToList();

    private List<int> Offsets() => Emu.Requests.Snapshot()
        .Where(q => q.Path.EndsWith("/migration-tasks", StringComparison.Ordinal) && q.Status == 200)
        .Select(q => int.Parse(System.Web.HttpUtility.ParseQueryString(q.QueryString)["offset"]!)).ToList();

    [Fact]
    public void Two_hundred_pages_with_8_in_flight_under_429_and_503_give_every_task_once_in_order()
    {
        Emu.Faults.ThrottleRate = 0.10;
        Emu.Faults.ServerErrorRate = 0.05;
        Emu.Faults.LatencyMs = 5;
        var r = Ps.Run("Get-DcsMigrationTask -PageSize 6 -ThrottleLimit 8 -Verbose").ThrowIfFailed();
        Assert.Equal(ServiceOrder, TaskIds(r));
        var offsets = Offsets();
        Assert.Equal(200, offsets.Count);                     // each page answered once
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i * 6), offsets.OrderBy(o => o));
        Assert.True(Emu.Requests.Snapshot().Any(q => q.Status == 429), "the faults should have hit some pages");
        // The first 429 halves the number in flight; -Verbose says so.
        Assert.Contains(r.Verbose, v => v.Contains("request(s) in flight instead of", StringComparison.Ordinal));
    }

    [Fact]
    public void After_a_429_the_listing_keeps_half_as_many_pages_in_flight_counted_at_the_server()
    {
        // 1200 tasks in pages of 60: the first page, then 19 more. The second request, the first of the concurrent
        // ones (alone: the pager starts slowly), is answered 429, so the number in flight drops from 16 to 8 and
        // rises by one after each run of as many successes (after 8 successes to 9, after 17 to 10): with 18
        // requests after it, the server never holds more than 10 at once. Left at 16, the slow start goes past 10.
        Emu.Faults.LatencyMs = 150; // each request stays at the server while the others arrive
        Emu.Faults.ThrottleOnceAtRequest = 2;
        var r = Ps.Run("Get-DcsMigrationTask -PageSize 60 -ThrottleLimit 16 -Verbose").ThrowIfFailed();
        Assert.Equal(ServiceOrder, TaskIds(r));
        var answered = Emu.Requests.Snapshot().Where(q => q.Path.EndsWith("/migration-tasks", StringComparison.Ordinal)).ToList();
        Assert.Equal(429, answered[1].Status);
        Assert.Equal(1, answered.Count(q => q.Status == 429));
        Assert.Equal(20, Offsets().Count);
        Assert.Contains(r.Verbose, v => v.Contains("8 request(s) in flight instead of 16", StringComparison.Ordinal));
        Assert.InRange(Emu.Requests.MaxInFlight, 1, 10);
    }

    [Fact]
    public void Throttle_limit_1_asks_for_one_page_after_another_in_order()
    {
        var r = Ps.Run("Get-DcsMigrationTask -PageSize 100 -ThrottleLimit 1").ThrowIfFailed();
        Assert.Equal(ServiceOrder, TaskIds(r));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * 100), Offsets()); // in order: never two at once
    }

    // Select-Object -First with concurrency is specified in real pwsh (tests/pester/Console.Tests.ps1).
    [Fact]
    public void First_3_costs_one_request_whatever_the_throttle_limit()
    {
        var r = Ps.Run("Get-DcsMigrationTask -First 3 -ThrottleLimit 8").ThrowIfFailed();
        Assert.Equal(ServiceOrder.Take(r.Output.Count), TaskIds(r));
        Assert.Single(Offsets());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void A_throttle_limit_out_of_range_is_refused_before_any_request(int value)
    {
        var r = Ps.Run($"Get-DcsMigrationTask -ThrottleLimit {value}");
        var e = r.SingleError();
        Assert.Contains("ThrottleLimit", e.FullyQualifiedErrorId + e.Exception.Message);
        Assert.Empty(Emu.Requests.Snapshot());
    }

    private (List<ProgressRecord> Progress, int Count) RunWithProgress(string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = Ps.Runspace;
        ps.AddScript(script);
        var output = ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        return (ps.Streams.Progress.Where(p => p.Activity == "Get-DcsMigrationTask").ToList(), output.Count);
    }

    [Fact]
    public void A_listing_still_running_after_a_second_shows_progress_and_closes_it()
    {
        Emu.Faults.LatencyMs = 150;
        var (progress, count) = RunWithProgress("Get-DcsMigrationTask -PageSize 100 -ThrottleLimit 1");
        Assert.Equal(1200, count);
        Assert.NotEmpty(progress);
        var last = progress[^1];
        Assert.Equal(ProgressRecordType.Completed, last.RecordType);
        var shown = progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, p => Assert.Matches(@"^[\d,.\s ]+ of 1[,.\s ]?200 records$", p.StatusDescription));
        Assert.Equal(shown.Select(p => p.PercentComplete).OrderBy(p => p), shown.Select(p => p.PercentComplete));
        Assert.Single(progress, p => p.RecordType == ProgressRecordType.Completed);
    }

    [Theory]
    [InlineData("Get-DcsMigrationTask -PageSize 100 -ThrottleLimit 1 -First 1100")]
    [InlineData("$ProgressPreference = 'SilentlyContinue'; Get-DcsMigrationTask -PageSize 100 -ThrottleLimit 1")]
    public void First_listings_and_a_silent_progress_preference_show_no_progress(string script)
    {
        Emu.Faults.LatencyMs = 150;
        var (progress, count) = RunWithProgress(script);
        Assert.InRange(count, 1100, 1200);
        Assert.Empty(progress);
    }

    // That a listing shorter than a second shows none is pinned with a manual clock in the pager's own tests
    // (PagerConcurrencyTests): here, with a real clock, it could only be shown on an idle machine.
}
