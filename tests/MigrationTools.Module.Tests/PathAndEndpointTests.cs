using System.Diagnostics;
using System.Management.Automation;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>Ids stay in their path segment and endpoints with user info are refused, through the real engine.</summary>
public sealed class PathSegmentCmdletTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorHost _emu;
    public PathSegmentCmdletTests(EmulatorFixture fx) => _emu = fx.Emulator;

    [Theory]
    [InlineData("Get-DcsMigrationTask -TaskId $args[0]", "TaskId", "..")]
    [InlineData("Get-DcsMigrationTask -TaskId 'good', $args[0]", "TaskId", ".")]
    [InlineData("Get-DcsMigrationStats -TaskId $args[0]", "TaskId", "..")]
    [InlineData("$args[0] | Get-DcsMigrationStats", "TaskId", " ")]
    [InlineData("Get-DcsMigrationStats -TaskId $args[0]", "TaskId", "abc.")]
    [InlineData("Get-RocketMqMigrationTask -InstanceId $args[0]", "InstanceId", "..")]
    [InlineData("Get-RocketMqMigrationTask -InstanceId $args[0] -TaskId t1", "InstanceId", ".")]
    [InlineData("Get-RdsBackupMigrationJob -JobId $args[0] -ErrorAction Stop", "JobId", "..")]
    [InlineData("Wait-DcsMigrationTask -TaskId $args[0] -ErrorAction Stop", "TaskId", "..")]
    [InlineData("Wait-RdsBackupMigrationJob -JobId $args[0] -ErrorAction Stop", "JobId", ".")]
    [InlineData("Wait-RocketMqMigrationTask -InstanceId $args[0] -TaskId t1 -ErrorAction Stop", "InstanceId", "..")]
    [InlineData("Get-RocketMqMigrationTask -InstanceId i1 -TaskId $args[0]", "TaskId", " ")]
    [InlineData("Get-RdsBackupMigrationJob -JobId 'good', $args[0]", "JobId", "..")]
    [InlineData("Get-RdsBackupMigrationJob -DbInstanceId 'good', $args[0]", "DbInstanceId", " ")]
    [InlineData("Wait-DcsMigrationTask -TaskId 'good', $args[0]", "TaskId", ".")]
    [InlineData("Get-DcsMigrationTask -ProjectId $args[0]", "ProjectId", "..")]
    [InlineData("Get-RdsBackupMigrationJob -ProjectId $args[0]", "ProjectId", "...")]
    public void A_dot_or_blank_id_is_refused_before_any_request(string command, string parameter, string id)
    {
        using var s = new ModuleSession(_emu);
        var before = _emu.Requests.Count;
        var r = s.Run($"try {{ {command} }} catch {{ $_ }}", id);
        var e = r.CaughtError();
        Assert.StartsWith("InvalidId,", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains($"-{parameter} '{id}'", e.Exception.Message);
        Assert.Equal(before, _emu.Requests.Count); // nothing sent, so nothing counts towards the lockout
        Secrets.AssertAbsent(r, _emu.SecretKey);
    }

    [Theory]
    [InlineData("%2e%2e")]
    [InlineData("a/../stats")]
    [InlineData("..\\x")]
    public void An_id_that_only_looks_like_a_path_is_sent_escaped_to_its_own_api(string id)
    {
        using var s = new ModuleSession(_emu);
        _emu.Requests.Clear();
        var r = s.Run("Get-DcsMigrationStats -TaskId $args[0]", id);
        var e = r.SingleError();
        // The service's own "no such task", not a 401 from another API of the gateway.
        Assert.True(e.FullyQualifiedErrorId.StartsWith("ServiceError.DCS.4133,"), e.FullyQualifiedErrorId + " " + e.Exception.Message);
        var logged = Assert.Single(_emu.Requests.Snapshot());
        Assert.Equal(400, logged.Status);
    }
}

/// <summary>An endpoint with user info, from each source: refused, and the password shown nowhere.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class EndpointUserInfoCmdletTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Password = "EndpointPa55wordNeverShown";
    private readonly EmulatorHost _emu;
    private readonly EnvScope _env;

    public EndpointUserInfoCmdletTests(EmulatorFixture fx)
    {
        _emu = fx.Emulator;
        _env = new EnvScope();
    }

    public void Dispose()
    {
        _env.Dispose();
        Environment.SetEnvironmentVariable(VariableName, null);
    }

    private string VariableName => "HUAWEICLOUD_SDK_REGION_DCS_" + _emu.Region.Replace('-', '_').ToUpperInvariant();
    private string WithUserInfo => $"http://admin:{Password}@127.0.0.1:{_emu.BaseUri.Port}";

    private static ErrorRecord AssertRefused(RunResult r, string errorId, string mentions)
    {
        var e = r.CaughtError();
        Assert.StartsWith(errorId + ",", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains(mentions, e.Exception.Message);
        Assert.Contains("***@", e.Exception.Message);
        Assert.DoesNotContain(Password, e.TargetObject?.ToString() ?? "");
        Secrets.AssertAbsent(r, Password);
        return e;
    }

    private const string Trace = "$DebugPreference = 'Continue'; $VerbosePreference = 'Continue'; ";

    [Fact]
    public void From_the_Endpoint_parameter()
    {
        using var s = new ModuleSession(_emu);
        var before = _emu.Requests.Count;
        AssertRefused(s.Run(Trace + "try { Get-DcsMigrationTask -Endpoint $args[0] -Debug } catch { $_ }", WithUserInfo), "EndpointHasUserInfo", "-Endpoint");
        Assert.Equal(before, _emu.Requests.Count);
    }

    [Fact]
    public void From_the_region_environment_variable()
    {
        using var s = new ModuleSession(_emu, pointAtEmulator: false);
        Environment.SetEnvironmentVariable(VariableName, WithUserInfo);
        AssertRefused(s.Run(Trace + "try { Get-DcsMigrationTask -Region $args[0] -ProjectId $args[1] -AccessKey $args[2] -SecretKey $args[3] } catch { $_ }",
            _emu.Region, _emu.ProjectId, _emu.AccessKey, _emu.SecretKey), "EndpointHasUserInfo", VariableName);
    }

    [Fact]
    public void From_Set_HuaweiCloudProfile_and_from_a_stored_profile()
    {
        using var s = new ModuleSession(_emu, pointAtEmulator: false);
        AssertRefused(s.Run("try { Set-HuaweiCloudProfile -Name p -AccessKey AK -SecretKey SK -ServiceEndpoint @{ dcs = $args[0] } } catch { $_ }", WithUserInfo),
            "EndpointHasUserInfo", "ServiceEndpoint.dcs");
        AssertRefused(s.Run("try { Set-HuaweiCloudProfile -Name p -AccessKey AK -SecretKey SK -IamEndpoint $args[0] } catch { $_ }", WithUserInfo),
            "EndpointHasUserInfo", "-IamEndpoint");
        Assert.False(File.Exists(_env.StorePath));

        // A store edited by hand: refused when used, naming the profile.
        Directory.CreateDirectory(Path.GetDirectoryName(_env.StorePath)!);
        File.WriteAllText(_env.StorePath, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["version"] = 1,
            ["profiles"] = new Dictionary<string, object>
            {
                ["edited"] = new Dictionary<string, object>
                {
                    ["access_key"] = _emu.AccessKey, ["secret_key"] = _emu.SecretKey, ["region"] = _emu.Region, ["project_id"] = _emu.ProjectId,
                    ["endpoints"] = new Dictionary<string, string> { ["dcs"] = WithUserInfo },
                },
            },
        }));
        AssertRefused(s.Run(Trace + "try { Get-DcsMigrationTask -ProfileName edited } catch { $_ }"), "EndpointHasUserInfo", "profile 'edited'");
        // Listing the profile shows the address as stored: the one place it is, by the user's own hand; never in an error.
        Secrets.AssertAbsent(s.Run("try { Get-DcsMigrationTask -ProfileName edited -Debug -Verbose } catch { $_ }"), Password, _emu.SecretKey);
    }
}

/// <summary>Ctrl+C while Set-HuaweiCloudProfile waits for a lock another process holds.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ProfileLockStopTests : IDisposable
{
    private readonly EnvScope _env;

    public ProfileLockStopTests()
    {
        _env = new EnvScope();
    }

    public void Dispose()
    {
        _env.Dispose();
    }

    [Theory]
    [InlineData("Set-HuaweiCloudProfile -Name p -AccessKey AKAKAKAKAKAK -SecretKey SKSKSKSKSKSKSK")]
    [InlineData("Remove-HuaweiCloudProfile -Name seeded -Confirm:$false")]
    public void Stop_returns_within_a_second_while_another_process_holds_the_lock(string command)
    {
        using var s = new ModuleSession();
        s.Run("Set-HuaweiCloudProfile -Name seeded -AccessKey AKAKAKAKAKAK -SecretKey SKSKSKSKSKSKSK").ThrowIfFailed();
        var writer = Path.Combine(AppContext.BaseDirectory.Replace("MigrationTools.Module.Tests", "MigrationTools.ProfileWriter"), "MigrationTools.ProfileWriter.dll");
        Assert.True(File.Exists(writer), "not built: " + writer);
        using var holder = Process.Start(new ProcessStartInfo("dotnet") { ArgumentList = { "exec", writer, "hold", _env.StorePath, "60" }, RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine());
            var stored = File.ReadAllBytes(_env.StorePath);
            // Stopped once it said it waits for the lock: the wait itself is what Stop must end. The wait gives up
            // after 10 s, so a Stop that took half of that did not simply see it run out.
            var took = s.StopWhileRunning(command + " -Verbose", ps => ModuleSession.SaidVerbose(ps, "is locked by another writer"), TimeSpan.FromSeconds(5));
            Console.WriteLine($"Stop while waiting for the lock: {took.TotalMilliseconds:F0} ms");
            Assert.Equal(stored, File.ReadAllBytes(_env.StorePath)); // nothing written
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
    }
}

/// <summary>Profile store failures through Set-HuaweiCloudProfile: ErrorId, category, path, no secret, no wait.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ProfileStoreCmdletFailureTests : IDisposable
{
    private const string Secret = "SKStoreFailureNeverShown0123456789";
    private readonly EnvScope _env;
    private string? _mount;

    public ProfileStoreCmdletFailureTests()
    {
        _env = new EnvScope();
    }

    public void Dispose()
    {
        if (_mount is not null) Process.Start("umount", _mount)!.WaitForExit(10_000);
        _env.Dispose();
    }

    private RunResult SetProfile(ModuleSession s, string storePath)
    {
        _env.Set("MIGRATIONTOOLS_PROFILES_FILE", storePath);
        return s.Run("try { Set-HuaweiCloudProfile -Name p -AccessKey AKAKAKAKAKAKAK -SecretKey $args[0] -Region cn-north-4 -Verbose } catch { $_ }", Secret);
    }

    private static void AssertStoreError(RunResult r, string errorId, ErrorCategory category, string path, string mentions)
    {
        var e = r.CaughtError();
        Assert.StartsWith(errorId + ",", e.FullyQualifiedErrorId);
        Assert.Equal(category, e.CategoryInfo.Category);
        Assert.Contains(path, e.Exception.Message);
        Assert.Contains(mentions, e.Exception.Message);
        Assert.DoesNotContain("stayed locked", e.Exception.Message);
        Secrets.AssertAbsent(r, Secret);
    }

    [Fact]
    public void A_parent_that_is_a_file()
    {
        using var s = new ModuleSession();
        var file = Path.Combine(_env.Folder, "a-file");
        File.WriteAllText(file, "x");
        var path = Path.Combine(file, "profiles.json");
        AssertStoreError(SetProfile(s, path), "ProfileStoreParentNotFolder", ErrorCategory.InvalidArgument, path, "is a file, not a folder");
    }

    [Fact]
    public void A_store_path_that_is_a_folder()
    {
        using var s = new ModuleSession();
        var path = Path.Combine(_env.Folder, "folder.json");
        Directory.CreateDirectory(path);
        AssertStoreError(SetProfile(s, path), "ProfileStoreIsFolder", ErrorCategory.InvalidArgument, path, "is a folder");
    }

    [Fact]
    public void A_read_only_file_system_at_once()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return; // needs mount(8); the core tests cover non-root (EACCES)
        var dir = Path.Combine(_env.Folder, "ro");
        Directory.CreateDirectory(dir);
        using (var mount = Process.Start("mount", new[] { "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", dir })!) { mount.WaitForExit(10_000); Assert.Equal(0, mount.ExitCode); }
        _mount = dir;
        using var s = new ModuleSession();
        var path = Path.Combine(dir, "sub", "profiles.json");
        var r = SetProfile(s, path);
        Assert.DoesNotContain(r.Verbose, v => v.Contains("is locked by another writer", StringComparison.Ordinal)); // at once: no wait as for a lock
        AssertStoreError(r, "ProfileStoreReadOnly", ErrorCategory.WriteError, path, "read-only file system");
    }

    [Fact]
    public void A_symbolic_link_is_written_through_and_a_shared_store_warned_about()
    {
        if (OperatingSystem.IsWindows()) return;
        using var s = new ModuleSession();
        var target = Path.Combine(_env.Folder, "real", "profiles.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, "{\"version\":1,\"profiles\":{\"old\":{\"access_key\":\"AKOLDOLDOLD\",\"secret_key\":\"" + Secret + "\"}}}");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var link = Path.Combine(_env.Folder, "link.json");
        File.CreateSymbolicLink(link, target);

        var r = SetProfile(s, link);
        Assert.Empty(r.Output);
        Assert.Empty(r.Errors);
        var warning = Assert.Single(r.Warnings);
        Assert.Contains(target, warning);
        Assert.Contains("0644", warning);
        Secrets.AssertAbsent(r, Secret);

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        var listed = s.Run("Get-HuaweiCloudProfile | ForEach-Object Name").ThrowIfFailed();
        Assert.Equal(new[] { "old", "p" }, listed.Output.Select(o => o.ToString()));
        Assert.Empty(listed.Warnings); // tightened by the write, as the warning said
    }
}
