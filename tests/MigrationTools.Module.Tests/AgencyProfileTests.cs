using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>
/// Profiles that assume an agency of another account (IAM securitytokens, assume_role), against the emulator's
/// second account. Each test asks for its own -AgencyDurationSeconds: the temporary keys are cached per agency and
/// duration for the process, and the tests share one.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class AgencyProfileTests : ModuleTestBase
{
    private const string SecurityTokens = "/v3.0/OS-CREDENTIAL/securitytokens";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mt-agency-" + Guid.NewGuid().ToString("N"));
    private readonly EnvScope _env;

    public AgencyProfileTests(EmulatorFixture fx) : base(fx)
    {
        Directory.CreateDirectory(_dir);
        _env = new EnvScope(_dir);
    }

    public override void Dispose()
    {
        _env.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        base.Dispose();
    }

    private string Base => Emu.BaseUri.ToString().TrimEnd('/');

    /// <summary>A session with the profile main (the emulator's keys, its endpoints) and member, an agency of the second account.</summary>
    private ModuleSession Session(int duration, string? agencyName = null)
    {
        var s = new ModuleSession(Emu, pointAtEmulator: false);
        s.Run("param($ak, $sk, $r, $p, $e) Set-HuaweiCloudProfile -Name main -AccessKey $ak -SecretKey $sk -Region $r -ProjectId $p -ServiceEndpoint @{ dcs = $e; drs = $e; iam = $e }",
            Emu.AccessKey, Emu.SecretKey, Emu.Region, Emu.ProjectId, Base).ThrowIfFailed();
        s.Run("param($d, $a, $s) Set-HuaweiCloudProfile -Name member -SourceProfileName main -AgencyDomain $d -AgencyName $a -AgencyDurationSeconds $s",
            Emu.MemberDomainName, agencyName ?? Emu.MemberAgencyName, duration).ThrowIfFailed();
        return s;
    }

    private static bool SignedWith(LoggedRequest r, string accessKey) =>
        r.Headers.TryGetValue("Authorization", out var a) && a.Contains("Access=" + accessKey + ",", StringComparison.Ordinal);

    [Fact]
    public void An_agency_profile_lists_the_member_accounts_tasks_signed_with_temporary_keys_and_the_source_keys_go_only_to_IAM()
    {
        using var s = Session(1000);
        Emu.Requests.Clear();

        var r = s.Run("Get-DcsMigrationTask -ProfileName member -Debug").ThrowIfFailed();

        Assert.Equal(Emu.MemberData.DcsTasks.Select(t => t.TaskId), r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        Assert.All(r.Output, o => Assert.Equal(Emu.MemberProjectId, o.Properties["ProjectId"].Value));
        Assert.DoesNotContain(r.Output, o => Emu.Data.FindDcsTask((string)o.Properties["TaskId"].Value) is not null);
        var requests = Emu.Requests.Snapshot();
        var assume = Assert.Single(requests, q => q.Path == SecurityTokens);
        Assert.Equal(("POST", 201), (assume.Method, assume.Status));
        Assert.True(SignedWith(assume, Emu.AccessKey));
        // Project id discovery and the listing: the temporary keys with their token, never the source's keys.
        var others = requests.Where(q => q.Path != SecurityTokens).ToList();
        Assert.Contains(others, q => q.Path == "/v3/projects");
        Assert.Contains(others, q => q.Path.EndsWith("/migration-tasks", StringComparison.Ordinal));
        Assert.All(others, q => Assert.False(SignedWith(q, Emu.AccessKey), q.Path));
        Assert.All(others, q => Assert.True(q.Headers.ContainsKey("X-Security-Token"), q.Path));
        Assert.Contains(r.Debug, d => d.Contains($"agency '{Emu.MemberAgencyName}' of account '{Emu.MemberDomainName}'", StringComparison.Ordinal));
        Assert.DoesNotContain(Emu.SecretKey, r.AllText(), StringComparison.Ordinal);

        // Cached for the process: the next command asks IAM for nothing.
        s.Run("Get-RdsBackupMigrationJob -ProfileName member -First 1").ThrowIfFailed();
        Assert.Single(Emu.Requests.Snapshot(), q => q.Path == SecurityTokens);
    }

    [Fact]
    public void Get_HuaweiCloudProfile_shows_what_an_agency_profile_assumes_and_the_store_holds_no_key_for_it()
    {
        using var s = Session(1100);
        var info = Assert.Single(s.Run("Get-HuaweiCloudProfile member").ThrowIfFailed().Output);
        Assert.Equal("Agency", info.Properties["CredentialSource"].Value);
        Assert.Equal("main", info.Properties["SourceProfileName"].Value);
        Assert.Equal(Emu.MemberDomainName, info.Properties["AgencyDomain"].Value);
        Assert.Equal(Emu.MemberAgencyName, info.Properties["AgencyName"].Value);
        Assert.Equal(1100, info.Properties["AgencyDurationSeconds"].Value);
        Assert.Equal("", info.Properties["AccessKey"].Value);
        Assert.DoesNotContain(Emu.SecretKey, s.Run("Get-HuaweiCloudProfile member").AllText(), StringComparison.Ordinal);

        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_env.StorePath));
        Assert.Equal(2, doc.RootElement.GetProperty("version").GetInt32());
        var member = doc.RootElement.GetProperty("profiles").GetProperty("member");
        Assert.False(member.TryGetProperty("access_key", out _));
        Assert.False(member.TryGetProperty("secret_key", out _));
        Assert.Equal("main", member.GetProperty("source_profile").GetString());
    }

    [Fact]
    public void A_cycle_of_source_profiles_is_refused_naming_the_profiles_when_stored_and_when_used()
    {
        using var s = Session(1200);
        var stored = s.Run("try { Set-HuaweiCloudProfile -Name main -SourceProfileName member -AgencyDomain x -AgencyName y } catch { $_ }").CaughtError();
        Assert.StartsWith("ProfileSourceCycle", stored.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("main -> member -> main", stored.Exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("ProfileSourceCycle", s.Run("try { Set-HuaweiCloudProfile -Name self -SourceProfileName self -AgencyDomain x -AgencyName y } catch { $_ }").CaughtError().FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.StartsWith("ProfileNotFound", s.Run("try { Set-HuaweiCloudProfile -Name orphan -SourceProfileName nosuch -AgencyDomain x -AgencyName y } catch { $_ }").CaughtError().FullyQualifiedErrorId, StringComparison.Ordinal);

        // A store edited by hand into a cycle: refused before any request.
        var text = File.ReadAllText(_env.StorePath);
        File.WriteAllText(_env.StorePath, text.Replace("\"source_profile\": \"main\"", "\"source_profile\": \"member\"", StringComparison.Ordinal));
        Emu.Requests.Clear();
        var used = s.Run("Get-DcsMigrationTask -ProfileName member").SingleError();
        Assert.StartsWith("ProfileSourceCycle", used.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("member -> member", used.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, Emu.Requests.Count);
    }

    [Fact]
    public void An_agency_IAM_refuses_is_its_error_with_code_message_and_trace_id_and_no_service_is_asked()
    {
        using var s = Session(1300, agencyName: "no-such-agency");
        Emu.Requests.Clear();
        var error = s.Run("Get-DcsMigrationTask -ProfileName member").SingleError();
        Assert.StartsWith("ServiceError.IAM.0003", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("IAM CreateTemporaryAccessKeyByAgency failed: IAM.0003", error.Exception.Message, StringComparison.Ordinal);
        Assert.Matches("Request id: [0-9a-f]{32}", error.Exception.Message);
        Assert.Equal(new[] { SecurityTokens }, Emu.Requests.Snapshot().Select(q => q.Path));
    }

    [Fact]
    public void An_agency_profile_may_take_its_credentials_from_another_agency_profile()
    {
        using var s = Session(1400);
        s.Run("param($d, $a) Set-HuaweiCloudProfile -Name back -SourceProfileName member -AgencyDomain $d -AgencyName $a -AgencyDurationSeconds 1400 -ProjectId ''",
            Emu.DomainName, Emu.MainAgencyName).ThrowIfFailed();
        Emu.Requests.Clear();
        var r = s.Run("Get-DcsMigrationTask -ProfileName back -First 3").ThrowIfFailed();
        Assert.Equal(Emu.Data.DcsTasks.Take(3).Select(t => t.TaskId), r.Output.Select(o => (string)o.Properties["TaskId"].Value));
        var assumes = Emu.Requests.Snapshot().Where(q => q.Path == SecurityTokens).ToList();
        Assert.Equal(2, assumes.Count);
        Assert.Single(assumes, q => SignedWith(q, Emu.AccessKey)); // main's keys assume member; member's temporary keys assume back
    }
}
