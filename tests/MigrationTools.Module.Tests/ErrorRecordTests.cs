using System.Management.Automation;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>What a failure looks like to the user: ErrorId, category, target, message; terminating or not.</summary>
public sealed class ErrorRecordTests : ModuleTestBase
{
    public ErrorRecordTests(EmulatorFixture fx) : base(fx) { }

    private List<string> OnlineTaskIds(int n) =>
        Emu.Data.DcsTasks.Where(t => t.MigrationType == "online_migration").Take(n).Select(t => t.TaskId).ToList();

    [Fact]
    public void One_unknown_task_among_five_gives_four_results_and_one_non_terminating_error()
    {
        var s = Ps;
        var ids = OnlineTaskIds(4);
        const string bad = "00000000-0000-0000-0000-000000000bad";
        ids.Insert(2, bad);
        var r = s.Run("Get-DcsMigrationStats -TaskId $args[0]; 'went on'", (object)ids.ToArray());
        Assert.Null(r.Terminating);
        Assert.Equal(5, r.Output.Count); // four stats and the next statement
        Assert.Equal("went on", r.Output[^1].BaseObject);
        var e = Assert.Single(r.Errors);
        Assert.Equal(bad, e.TargetObject);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.StartsWith("ServiceError.DCS.4133,", e.FullyQualifiedErrorId);
        Assert.Contains($"DCS ShowMigrationTaskStats of task '{bad}' failed: DCS.4133: ", e.Exception.Message); // the id, the service's code and message
        Assert.Matches("Request id: [0-9a-f]{32}", e.Exception.Message);                      // X-Request-Id
        Secrets.AssertAbsent(r, Emu.SecretKey);
    }

    [Fact]
    public void ErrorAction_Stop_makes_the_unknown_task_terminating()
    {
        var s = Ps;
        var ids = OnlineTaskIds(4);
        ids.Insert(1, "no-such-task");
        var r = s.Run("try { Get-DcsMigrationStats -TaskId $args[0] -ErrorAction Stop } catch { $_ }", (object)ids.ToArray());
        var e = r.CaughtError();
        Assert.Equal("no-such-task", e.TargetObject);
        Assert.Contains("DCS.4133", e.FullyQualifiedErrorId);
        Assert.Equal(2, r.Output.Count); // the first task's stats, then the caught error: nothing after it
    }

    [Fact]
    public void RocketMq_unknown_task_and_instance_are_ObjectNotFound()
    {
        var s = Ps;
        var instance = Emu.Data.RocketMqInstances[0].InstanceId;
        var r = s.Run("Get-RocketMqMigrationTask -InstanceId $args[0] -TaskId no-such-task", instance);
        var e = r.SingleError();
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.Equal("no-such-task", e.TargetObject);
        Assert.StartsWith("ServiceError.DMS.00405011,", e.FullyQualifiedErrorId);

        r = s.Run("try { Get-RocketMqMigrationTask -InstanceId 11111111-2222-3333-4444-555555555555 } catch { $_ }");
        e = r.CaughtError();
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.Contains("DMS.00404022", e.FullyQualifiedErrorId);
        Secrets.AssertAbsent(r, Emu.SecretKey);
    }

    [Fact]
    public void A_project_the_account_lacks_is_PermissionDenied_costs_one_request_and_stops_the_other_ids()
    {
        var s = Ps;
        Emu.Requests.Clear();
        // 403 would fail every other id as well: the cmdlet ends at the first instead of repeating it.
        var r = s.Run("try { Get-DcsMigrationStats -ProjectId 0123456789abcdef0123456789abcdef -TaskId a,b,c } catch { $_ }");
        var e = r.CaughtError();
        Assert.Equal(ErrorCategory.PermissionDenied, e.CategoryInfo.Category);
        Assert.StartsWith("ServiceError.APIG.0310,", e.FullyQualifiedErrorId);
        Assert.Equal("a", e.TargetObject);
        Assert.Equal(1, Emu.Requests.Count); // never retried
        Secrets.AssertAbsent(r, Emu.SecretKey);
    }

    [Theory]
    // A proxy's HTML page comes with 502: retried, then reported as the service being unavailable, body start shown.
    [InlineData(MalformedKind.Html, "ServiceError.Http502", ErrorCategory.ResourceUnavailable, "HTTP 502", "<html>")]
    [InlineData(MalformedKind.Truncated, "MalformedResponse.InvalidJson", ErrorCategory.InvalidResult, "HTTP 200", "{")]
    [InlineData(MalformedKind.WrongType, "MalformedResponse.UnexpectedJson", ErrorCategory.InvalidResult, "HTTP 200", "{")]
    [InlineData(MalformedKind.Empty200, "MalformedResponse.Empty", ErrorCategory.InvalidResult, "HTTP 200", "(empty)")]
    public void Malformed_answers_give_a_clear_error_record(MalformedKind kind, string errorId, ErrorCategory category, string status, string bodyStart)
    {
        var s = Ps;
        Emu.Faults.Malformed = kind;
        Emu.Faults.MalformedRate = 1;
        var r = s.Run("try { Get-DcsMigrationTask -PageSize 50 } catch { $_ }");
        var e = r.CaughtError();
        Assert.StartsWith(errorId + ",", e.FullyQualifiedErrorId);
        Assert.Equal(category, e.CategoryInfo.Category);
        var message = e.Exception.Message;
        Assert.Contains("DCS ListMigrationTask", message); // the API
        Assert.Contains(status, message);
        Assert.Contains(bodyStart, message);
        Assert.IsNotType<NullReferenceException>(e.Exception);
        Assert.DoesNotContain("System.Text.Json", message);
        Secrets.AssertAbsent(r, Emu.SecretKey);
    }

    [Fact]
    public void A_malformed_answer_for_one_task_is_non_terminating_and_targets_that_task()
    {
        var s = Ps;
        var ids = OnlineTaskIds(2);
        Emu.Faults.Malformed = MalformedKind.Truncated;
        Emu.Faults.MalformedRate = 1;
        var r = s.Run("Get-DcsMigrationStats -TaskId $args[0]", (object)ids.ToArray());
        Assert.Null(r.Terminating);
        Assert.Equal(2, r.Errors.Count);
        Assert.Equal(ids, r.Errors.Select(e => (string)e.TargetObject));
        Assert.All(r.Errors, e => Assert.Contains($"DCS ShowMigrationTaskStats of task '{e.TargetObject}' returned an answer that could not be read (HTTP 200)", e.Exception.Message));
    }
}
