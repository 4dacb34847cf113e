using System.Management.Automation;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>
/// Issue 16 items 1 and 2, against an emulator that locks an access key as the gateway does (five refused signatures
/// lock it for five minutes): Tab and commands with a wrong secret key, counted at the server; a locked key named.
/// Each test has its own emulator (a lock would outlive the test) and its own wrong keys (refusals are remembered
/// for the whole process).
/// </summary>
public sealed class NoLockoutTests
{
    private static string WrongSecret() => "WrongSecret" + Guid.NewGuid().ToString("N");

    private static int Refused(EmulatorHost emu) => emu.Requests.CountWhere(q => q.Status == 401);

    private static ErrorRecord FirstError(RunResult r) =>
        (r.Errors.Count > 0 ? r.Errors[0] : null) ?? (r.Terminating as IContainsErrorRecord)?.ErrorRecord ?? throw new Xunit.Sdk.XunitException("No error: " + r.AllText());

    private static string Connection(EmulatorHost emu, string secret) =>
        $"-Endpoint {emu.BaseUri.ToString().TrimEnd('/')} -Region {emu.Region} -ProjectId {emu.ProjectId} -AccessKey {emu.AccessKey} -SecretKey {secret}";

    [Fact]
    public async Task Commands_with_a_wrong_secret_key_send_two_signatures_at_most_then_refuse_locally()
    {
        await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 });
        using var s = new ModuleSession(emu, pointAtEmulator: false);
        var wrong = WrongSecret();
        s.PointAt(emu, wrong);
        var errors = new[]
        {
            "Get-DcsMigrationTask -First 1", "Get-DcsMigrationTask -TaskId a, b, c", "Get-RdsBackupMigrationJob -First 1",
            "Wait-DcsMigrationTask -TaskId x -Timeout 5", "Get-DcsMigrationStats -TaskId y", "Get-DcsMigrationTask",
        }.Select(script => FirstError(s.RunWithin(TimeSpan.FromSeconds(60), script))).ToList();

        Assert.Equal(2, Refused(emu));
        Assert.Equal(2, emu.Requests.Count);
        Assert.All(errors.Take(2), e => Assert.StartsWith("ServiceError.APIG.0301,", e.FullyQualifiedErrorId));
        foreach (var e in errors.Skip(2))
        {
            Assert.StartsWith("CredentialsRefused,", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, e.CategoryInfo.Category);
            Assert.Contains("Not sent", e.Exception.Message);
            Assert.Contains("2 times", e.Exception.Message);
            Assert.Contains("five minutes", e.Exception.Message);
            Assert.Contains("a changed key pair is tried at once", e.Exception.Message);
            Assert.DoesNotContain(wrong, e.Exception.Message);
        }

        // Another secret key is another pair: tried at once (and refused by the gateway: the third in a row).
        s.PointAt(emu, WrongSecret());
        Assert.StartsWith("ServiceError.APIG.0301,", FirstError(s.Run("Get-DcsMigrationTask -First 1")).FullyQualifiedErrorId);
        Assert.Equal(3, Refused(emu));
        // The right one works at once: the key was never locked.
        s.PointAt(emu);
        Assert.Single(s.Run("Get-DcsMigrationTask -First 1").ThrowIfFailed().Output);
    }

    [Fact]
    public async Task Tab_never_sends_a_refused_pair_and_commands_send_one_more_at_most()
    {
        await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 });
        using var s = new ModuleSession(emu, pointAtEmulator: false);
        var wrong = WrongSecret();
        var lines = new[] { "Get-DcsMigrationTask", "Wait-DcsMigrationTask", "Get-DcsMigrationStats" }
            .Select(c => $"{c} {Connection(emu, wrong)} -TaskId ")
            .Concat(new[] { $"Get-RdsBackupMigrationJob {Connection(emu, wrong)} -JobId ", $"Get-RocketMqMigrationTask {Connection(emu, wrong)} -InstanceId " })
            .ToList();
        for (var round = 0; round < 3; round++)
        {
            foreach (var line in lines)
            {
                var r = s.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches", line).ThrowIfFailed();
                Assert.Empty(r.Output);
            }
        }
        Assert.Equal(1, Refused(emu)); // fifteen Tabs, one refused signature

        s.PointAt(emu, wrong);
        Assert.StartsWith("ServiceError.APIG.0301,", FirstError(s.Run("Get-DcsMigrationTask -First 1")).FullyQualifiedErrorId);
        Assert.StartsWith("CredentialsRefused,", FirstError(s.Run("Get-DcsMigrationTask -First 1")).FullyQualifiedErrorId);
        Assert.Equal(2, Refused(emu));
    }

    [Fact]
    public async Task Tab_remembers_a_failed_listing_briefly_instead_of_asking_again()
    {
        await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 });
        using var s = new ModuleSession(emu, pointAtEmulator: false);
        emu.Faults.ServerErrorRate = 1;
        var line = $"Get-DcsMigrationTask {Connection(emu, emu.SecretKey)} -TaskId ";
        for (var i = 0; i < 4; i++)
            Assert.Empty(s.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches", line).ThrowIfFailed().Output);
        Assert.Equal(1, emu.Requests.Count);
    }

    [Fact]
    public async Task A_locked_key_is_named_and_waiting_is_the_fix()
    {
        await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 });
        using var s = new ModuleSession(emu, pointAtEmulator: false);
        // Five different wrong secret keys: each is a new pair, sent at once; the gateway locks the key at the fifth.
        for (var i = 0; i < 5; i++)
        {
            s.PointAt(emu, WrongSecret());
            Assert.StartsWith("ServiceError.APIG.0301,", FirstError(s.Run("Get-DcsMigrationTask -First 1")).FullyQualifiedErrorId);
        }
        Assert.Equal(5, Refused(emu));

        s.PointAt(emu);
        var e = FirstError(s.Run("Get-DcsMigrationTask -TaskId $args[0]", emu.Data.DcsTasks[0].TaskId));
        Assert.StartsWith("AccessKeyLocked,", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, e.CategoryInfo.Category);
        var message = e.Exception.Message;
        Assert.Contains("APIG.0301", message);
        Assert.Contains("AK access failed to reach the limit", message);
        Assert.Contains("locked this access key for about five minutes", message);
        Assert.Contains("refused signatures", message);
        Assert.Contains("Wait about five minutes", message);
        Assert.Matches("Request id: [0-9a-f]{32}", message);
        Assert.DoesNotContain("Check the access key and secret key", message);
    }
}
