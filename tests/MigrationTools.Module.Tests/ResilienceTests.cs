using System.Management.Automation;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>Retries under faults, the cost of a bad signature, and Ctrl+C (PowerShell.Stop) mid-request and mid-backoff.</summary>
public sealed class ResilienceTests : ModuleTestBase
{
    public ResilienceTests(EmulatorFixture fx) : base(fx) { }

    private static List<string> Ids(RunResult r, string property) =>
        r.Output.Select(o => (string)o.Properties[property].Value).ToList();

    private static bool IsFault(LoggedRequest q) => q.Status is 429 or 502 or 503 or 504;

    [Theory]
    [InlineData("Get-DcsMigrationTask", "TaskId")]
    [InlineData("Get-RdsBackupMigrationJob", "JobId")]
    public void Listing_under_429_and_503_returns_every_item_once_in_order(string cmdlet, string idProperty)
    {
        var s = Ps;
        var clean = s.Run($"{cmdlet} -PageSize 50").ThrowIfFailed();
        var expected = Ids(clean, idProperty);
        Assert.True(expected.Count > 1000, $"the emulator should hold over a thousand records, got {expected.Count}");

        Emu.Faults.ThrottleRate = 0.10;
        Emu.Faults.ServerErrorRate = 0.05;
        Emu.Requests.Clear();
        var r = s.Run($"{cmdlet} -PageSize 50 -Verbose");
        r.ThrowIfFailed();

        Assert.Equal(expected, Ids(r, idProperty)); // every item, once, in order
        var log = Emu.Requests.Snapshot();
        var faults = log.Count(IsFault);
        Assert.True(faults > 0, "the faults should have hit some pages");
        Assert.Equal((expected.Count + 49) / 50 + faults, log.Count); // each page once, plus one request per fault
        // Every retry is visible in -Verbose with its status, the attempt and the delay.
        var retries = r.Verbose.Where(v => v.Contains("; retry ", StringComparison.Ordinal)).ToList();
        Assert.Equal(faults, retries.Count);
        Assert.Contains(retries, v => v.Contains("HTTP 429 APIG.0308", StringComparison.Ordinal));
        Assert.Contains(retries, v => v.Contains("HTTP 503", StringComparison.Ordinal));
        Assert.All(retries, v => Assert.Matches(@"retry \d of 4 in \d+\.\d\d s\.$", v));
        Secrets.AssertAbsent(r, Emu.SecretKey);
    }

    [Theory]
    [InlineData(RetryAfterMode.Seconds)]
    [InlineData(RetryAfterMode.HttpDate)]
    public void Retry_after_is_honoured(RetryAfterMode mode)
    {
        var s = Ps;
        Emu.Faults.ThrottleRate = 1e-9;
        Emu.Faults.ThrottleRetryAfter = mode;
        // As a date the header has whole-second precision, so "in 1 s" may mean any wait from 0 to 1 s, which the
        // tests' own 10 ms backoff also falls in: a date 2 s ahead waits more than 1 s, which only Retry-After explains.
        Emu.Faults.RetryAfterSeconds = mode == RetryAfterMode.Seconds ? 1 : 2;
        Emu.Faults.FailNextRequests = 1;
        var r = s.Run("Get-DcsMigrationTask -First 3 -Verbose").ThrowIfFailed();
        Assert.Equal(3, r.Output.Count);
        var line = Assert.Single(r.Verbose, v => v.Contains("; retry ", StringComparison.Ordinal));
        Assert.Contains("Retry-After", line);
        // The header's wait, not the 10 ms backoff of the tests.
        var delay = double.Parse(System.Text.RegularExpressions.Regex.Match(line, @"in (\d+\.\d\d) s").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (mode == RetryAfterMode.Seconds) Assert.Equal(1.0, delay);
        else Assert.InRange(delay, 0.9, 2.0);
    }

    [Fact]
    public void Wrong_secret_key_costs_exactly_one_request_and_is_an_authentication_error()
    {
        var s = Ps;
        const string wrongSk = "WrongSecretKey0123456789abcdefghijklmnopq";
        s.PointAt(Emu, wrongSk);
        Emu.Requests.Clear();
        var r = s.Run("try { Get-DcsMigrationTask -PageSize 50 -Verbose -Debug } catch { $_ }");
        Assert.Equal(1, Emu.Requests.Count); // 401 is never retried: five bad signatures would lock the AK
        var e = r.CaughtError(); // terminating: no other call could succeed with these keys
        Assert.Equal(ErrorCategory.AuthenticationError, e.CategoryInfo.Category);
        Assert.StartsWith("ServiceError.APIG.0301,", e.FullyQualifiedErrorId);
        Assert.Contains("HTTP 401", e.Exception.Message);
        Assert.Contains("Request id: ", e.Exception.Message);
        Assert.DoesNotContain("Request id: (none)", e.Exception.Message);
        Secrets.AssertAbsent(r, wrongSk, Emu.SecretKey);
    }

    [Fact]
    public void Retries_exhausted_on_a_list_end_it_with_a_terminating_error_naming_the_retries()
    {
        var s = Ps;
        Emu.Faults.ServerErrorRate = 1;
        Emu.Requests.Clear();
        var r = s.Run("try { Get-DcsMigrationTask -MaxRetries 2 } catch { $_ }");
        Assert.Equal(3, Emu.Requests.Count); // the first attempt and two retries
        var e = r.CaughtError(); // terminating: a listing cannot go on without its page
        Assert.Equal(ErrorCategory.ResourceUnavailable, e.CategoryInfo.Category);
        Assert.Contains("DCS ListMigrationTask", e.Exception.Message);
        Assert.Contains("Gave up after 2 retries", e.Exception.Message);
        Secrets.AssertAbsent(r, Emu.SecretKey);
    }

    [Fact]
    public void Break_out_of_a_listing_is_flow_control_not_an_error_and_stops_paging()
    {
        var s = Ps;
        Emu.Requests.Clear();
        var r = s.Run("$i = 0; foreach ($x in 1) { Get-DcsMigrationTask -PageSize 50 | ForEach-Object { if (++$i -gt 3) { break }; $_ } }; 'after'");
        r.ThrowIfFailed();
        Assert.Equal(4, r.Output.Count);
        Assert.Equal("after", r.Output[^1].BaseObject);
        Assert.Equal(1, Emu.Requests.Count); // one page, no more
    }

    public enum Stall { Hang, Latency, Backoff }

    [Theory]
    [InlineData(Stall.Hang)]
    [InlineData(Stall.Latency)]
    [InlineData(Stall.Backoff)]
    public void Stop_returns_control_within_a_second(Stall stall)
    {
        var s = Ps;
        switch (stall)
        {
            case Stall.Hang: Emu.Faults.HangRate = 1; break;
            case Stall.Latency: Emu.Faults.LatencyMs = 120_000; break;
            case Stall.Backoff:
                // 429 with Retry-After: 30 — the client waits 30 s before its retry, unless stopped.
                Emu.Faults.ThrottleRate = 1;
                Emu.Faults.ThrottleRetryAfter = RetryAfterMode.Seconds;
                Emu.Faults.RetryAfterSeconds = 30;
                break;
        }
        Emu.Requests.Clear();
        // Stopped once the call is in the stalled state: the request held by the emulator, or the retry announced.
        Func<PowerShell, bool> stalled = stall == Stall.Backoff
            ? ps => ModuleSession.SaidVerbose(ps, "retry 1 of")
            : _ => Emu.Requests.InFlight > 0;
        var took = s.StopWhileRunning("Get-DcsMigrationTask -PageSize 50 -Verbose", stalled);
        Console.WriteLine($"Stop during {stall}: {took.TotalMilliseconds:F0} ms");
        if (stall == Stall.Backoff) Assert.Equal(1, Emu.Requests.Count); // the retry was never sent
    }
}
