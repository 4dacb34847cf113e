using System.Management.Automation;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>Bad input is refused before any request, with a message that names the parameter and what is allowed.</summary>
public sealed class ValidationTests : ModuleTestBase
{
    public ValidationTests(EmulatorFixture fx) : base(fx) { }

    [Theory]
    [InlineData("Get-DcsMigrationTask -Region mars-north-1 -ProjectId p -AccessKey a -SecretKey s", "UnknownRegion", new[] { "-Region", "mars-north-1", "cn-north-4" })]
    [InlineData("Get-DcsMigrationTask -Endpoint 'not a uri' -Region cn-north-4 -ProjectId p -AccessKey a -SecretKey s", "InvalidEndpoint", new[] { "-Endpoint", "not a uri", "absolute" })]
    [InlineData("Get-DcsMigrationTask -Endpoint 'dcs.cn-north-4.myhuaweicloud.com' -ProjectId p -AccessKey a -SecretKey s", "InvalidEndpoint", new[] { "-Endpoint", "absolute" })]
    [InlineData("Get-DcsMigrationTask -Endpoint 'http://dcs.example.com' -ProjectId p -AccessKey a -SecretKey s", "InsecureEndpoint", new[] { "-Endpoint", "https", "loopback" })]
    [InlineData("Get-DcsMigrationTask -PageSize 5000", "PageSizeOutOfRange", new[] { "-PageSize", "5000" })]
    [InlineData("Get-RdsBackupMigrationJob -DbInstanceId (1..11)", "ParameterArgumentValidationError", new[] { "DbInstanceId", "10" })]
    [InlineData("Get-DcsMigrationTask -MaxRetries 21", "ParameterArgumentValidationError", new[] { "MaxRetries", "20" })]
    [InlineData("Get-DcsMigrationTask -MaxRetries -1", "ParameterArgumentValidationError", new[] { "MaxRetries", "0" })]
    [InlineData("Get-RdsBackupMigrationJob -Status Bogus", "ParameterArgumentValidationError", new[] { "Status", "TRANSFERRING", "SUCCESS" })]
    public void Bad_input_names_the_parameter_and_the_allowed_values(string script, string errorId, string[] mentions)
    {
        using var s = new ModuleSession(Emu, pointAtEmulator: !script.Contains("-AccessKey"));
        Emu.Requests.Clear();
        var r = s.Run("try { " + script + " } catch { $_ }");
        var e = r.CaughtError();
        Assert.StartsWith(errorId + ",", e.FullyQualifiedErrorId);
        var message = e.ToString();
        foreach (var m in mentions) Assert.Contains(m, message);
        Assert.Equal(0, Emu.Requests.Count); // refused before any request
        Secrets.AssertAbsent(r, Emu.SecretKey);
    }
}

/// <summary>Tests that set process environment variables (the module reads them per call); run alone.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class EnvironmentTests : ModuleTestBase
{
    private static readonly string[] Variables =
        { "MIGRATIONTOOLS_MAX_RETRIES", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN" };

    public EnvironmentTests(EmulatorFixture fx) : base(fx) { }

    public override void Dispose()
    {
        foreach (var v in Variables) Environment.SetEnvironmentVariable(v, null);
        base.Dispose();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("21")]
    [InlineData("-3")]
    public void Bad_MIGRATIONTOOLS_MAX_RETRIES_is_named_in_the_error(string value)
    {
        Environment.SetEnvironmentVariable("MIGRATIONTOOLS_MAX_RETRIES", value);
        var s = Ps;
        var e = s.Run("try { Get-DcsMigrationTask -First 1 } catch { $_ }").CaughtError();
        Assert.StartsWith("InvalidMaxRetries,", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains("MIGRATIONTOOLS_MAX_RETRIES", e.Exception.Message);
        Assert.Contains($"'{value}'", e.Exception.Message);
        Assert.Contains("0 to 20", e.Exception.Message);
    }

    [Fact]
    public void MIGRATIONTOOLS_MAX_RETRIES_sets_the_attempts_and_the_parameter_wins()
    {
        Environment.SetEnvironmentVariable("MIGRATIONTOOLS_MAX_RETRIES", "1");
        var s = Ps;
        Emu.Faults.ServerErrorRate = 1;
        Emu.Requests.Clear();
        s.Run("try { Get-DcsMigrationTask -First 1 } catch { $_ }").CaughtError();
        Assert.Equal(2, Emu.Requests.Count);
        Emu.Requests.Clear();
        s.Run("try { Get-DcsMigrationTask -First 1 -MaxRetries 0 } catch { $_ }").CaughtError();
        Assert.Equal(1, Emu.Requests.Count);
    }

    /// <summary>Temporary credentials (AK/SK/security token) from the environment, through every kind of failure:
    /// neither the SK nor the token may appear anywhere, -Debug and -Verbose included.</summary>
    [Fact]
    public async Task Secret_key_and_security_token_never_appear_under_any_failure()
    {
        var (ak, sk, token) = await EmulatorMetadata.TemporaryKeysAsync(Emu.BaseUri);
        Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_AK", ak);
        Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_SK", sk);
        Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_SECURITY_TOKEN", token);

        using var s = new ModuleSession(Emu, pointAtEmulator: false);
        s.Run("$PSDefaultParameterValues['Get-*:Endpoint'] = $args[0]; $PSDefaultParameterValues['Get-*:Region'] = $args[1]; $PSDefaultParameterValues['Get-*:ProjectId'] = $args[2]",
            Emu.BaseUri.ToString().TrimEnd('/'), Emu.Region, Emu.ProjectId).ThrowIfFailed();
        var bad = "00000000-0000-0000-0000-000000000bad";
        var online = Emu.Data.DcsTasks.First(t => t.MigrationType == "online_migration").TaskId;
        const string all = "-Verbose -Debug";

        // Works at all with these credentials (so the failures below are the faults, not the setup).
        var ok = s.Run($"Get-DcsMigrationTask -First 2 {all}").ThrowIfFailed();
        Assert.Equal(2, ok.Output.Count);
        var runs = new List<RunResult> { ok };

        void With(Action<FaultSettings> set, string script)
        {
            Emu.Faults.Reset();
            set(Emu.Faults);
            runs.Add(s.Run(script));
        }
        With(f => { f.ThrottleRate = 0.5; f.ServerErrorRate = 0.3; }, $"Get-DcsMigrationTask -PageSize 100 {all}");
        With(f => f.ServerErrorRate = 1, $"try {{ Get-DcsMigrationTask -MaxRetries 1 {all} }} catch {{ $_ }}");
        foreach (var kind in new[] { MalformedKind.Html, MalformedKind.Truncated, MalformedKind.WrongType, MalformedKind.Empty200 })
            With(f => { f.Malformed = kind; f.MalformedRate = 1; }, $"try {{ Get-DcsMigrationTask -MaxRetries 1 {all} }} catch {{ $_ }}");
        With(_ => { }, $"Get-DcsMigrationStats -TaskId '{online}','{bad}' {all}");
        With(_ => { }, $"try {{ Get-DcsMigrationTask -Endpoint 'http://dcs.example.com' {all} }} catch {{ $_ }}");
        // A wrong token: the gateway's 401, reported without the token it refused.
        Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_SECURITY_TOKEN", token + "x");
        With(_ => { }, $"try {{ Get-DcsMigrationTask {all} }} catch {{ $_ }}");
        Assert.Equal("ServiceError.APIG.0301", runs[^1].CaughtError().FullyQualifiedErrorId.Split(',')[0]);
        // A wrong secret key with the right token.
        Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_SECURITY_TOKEN", token);
        Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_SK", sk[..^2] + "zz");
        With(_ => { }, $"try {{ Get-DcsMigrationTask {all} }} catch {{ $_ }}");

        Assert.Contains(runs, r => r.Debug.Count > 0); // the -Debug dump of requests was produced and scanned
        foreach (var r in runs) Secrets.AssertAbsent(r, sk, token, sk[..^2] + "zz");
    }
}
