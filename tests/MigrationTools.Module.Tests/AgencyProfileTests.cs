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
    private readonly EnvScope _env;

    public AgencyProfileTests(EmulatorFixture fx) : base(fx)
    {
        _env = new EnvScope();
    }

    public override void Dispose()
    {
        _env.Dispose();
        base.Dispose();
    }

    private string Base => Emu.BaseUri.ToString().TrimEnd('/');

    /// <summary>A session with the profile main (the emulator's keys, its endpoints) and member, an agency of the second account.</summary>
    private ModuleSession Session(int duration, string? agencyName = null, EmulatorHost? emulator = null, string? sourceSecret = null)
    {
        var emu = emulator ?? Emu;
        var s = new ModuleSession(emu, pointAtEmulator: false);
        s.Run("param($ak, $sk, $r, $p, $e) Set-HuaweiCloudProfile -Name main -AccessKey $ak -SecretKey $sk -Region $r -ProjectId $p -ServiceEndpoint @{ dcs = $e; drs = $e; iam = $e }",
            emu.AccessKey, sourceSecret ?? emu.SecretKey, emu.Region, emu.ProjectId, emu.BaseUri.ToString().TrimEnd('/')).ThrowIfFailed();
        s.Run("param($d, $a, $s) Set-HuaweiCloudProfile -Name member -SourceProfileName main -AgencyDomain $d -AgencyName $a -AgencyDurationSeconds $s",
            emu.MemberDomainName, agencyName ?? emu.MemberAgencyName, duration).ThrowIfFailed();
        return s;
    }

    private static bool SignedWith(LoggedRequest r, string accessKey) =>
        r.Headers.TryGetValue("Authorization", out var a) && a.Contains("Access=" + accessKey + ",", StringComparison.Ordinal);

    /// <summary>The access key a logged request was signed with.</summary>
    private static string AccessKeyOf(LoggedRequest r)
    {
        var a = r.Headers["Authorization"];
        var start = a.IndexOf("Access=", StringComparison.Ordinal) + "Access=".Length;
        return a[start..a.IndexOf(',', start)];
    }

    /// <summary>Every region of the emulator reached through the SDKs' variables, as the emulator prints them (-Region a, b and *).</summary>
    private void RegionEndpoints()
    {
        foreach (var region in Emu.Regions)
            _env.Set($"HUAWEICLOUD_SDK_REGION_DCS_{region.Replace('-', '_').ToUpperInvariant()}", Emu.EndpointOf(region).ToString().TrimEnd('/'));
    }

    private static IEnumerable<string> TaskIds(RunResult r) => r.Output.Select(o => (string)o.Properties["TaskId"].Value);

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
        // One temporary key signs them all, and it never goes to IAM's securitytokens.
        var temporary = Assert.Single(others.Select(AccessKeyOf).Distinct());
        Assert.NotEqual(Emu.AccessKey, temporary);
        Assert.False(SignedWith(assume, temporary));
        Assert.Contains(r.Debug, d => d.Contains($"agency '{Emu.MemberAgencyName}' of account '{Emu.MemberDomainName}'", StringComparison.Ordinal));
        Assert.DoesNotContain(Emu.SecretKey, r.AllText(), StringComparison.Ordinal);

        // Cached for the process: the next command asks IAM for nothing.
        s.Run("Get-RdsBackupMigrationJob -ProfileName member -First 1").ThrowIfFailed();
        Assert.Single(Emu.Requests.Snapshot(), q => q.Path == SecurityTokens);
    }

    [Fact]
    public void A_wait_through_an_agency_profile_polls_the_member_account_signed_with_the_temporary_key()
    {
        using var s = Session(1050);
        var jobs = Emu.MemberData.DrsJobs.Where(j => j.Status == "TRANSFERRING").Take(3).ToList();
        Assert.NotEmpty(jobs);
        foreach (var job in jobs) Emu.Progress.Set(new ProgressPlan(job.Id, Polls: 1));
        Emu.Requests.Clear();

        var r = s.Run("Wait-RdsBackupMigrationJob -ProfileName member -JobId $args[0] -PollInterval 1 -Timeout 60",
            (object)jobs.Select(j => j.Id).ToArray()).ThrowIfFailed();

        Assert.Equal(jobs.Select(j => j.Id).OrderBy(id => id), r.Output.Select(o => (string)o.Properties["JobId"].Value).OrderBy(id => id));
        Assert.All(r.Output, o => Assert.Equal(Emu.MemberProjectId, o.Properties["ProjectId"].Value));
        var requests = Emu.Requests.Snapshot().Where(q => !q.Path.StartsWith("/_emulator", StringComparison.Ordinal)).ToList();
        Assert.All(requests.Where(q => q.Path == SecurityTokens), q => Assert.True(SignedWith(q, Emu.AccessKey)));
        // The lists and the details of the member's jobs: the temporary key with its token, never the source's key.
        var others = requests.Where(q => q.Path != SecurityTokens).ToList();
        Assert.Contains(others, q => q.Path == $"/v5/{Emu.MemberProjectId}/backup-migration-jobs");
        foreach (var job in jobs) Assert.Contains(others, q => q.Path.EndsWith("/backup-migration-jobs/" + job.Id, StringComparison.Ordinal));
        Assert.All(others, q => Assert.False(SignedWith(q, Emu.AccessKey), q.Path));
        Assert.All(others, q => Assert.True(q.Headers.ContainsKey("X-Security-Token"), q.Path));
        var temporary = Assert.Single(others.Select(AccessKeyOf).Distinct());
        Assert.NotEqual(Emu.AccessKey, temporary);
        Assert.DoesNotContain(Emu.SecretKey, r.AllText(), StringComparison.Ordinal);
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

    [Fact]
    public void Every_region_of_the_member_account_is_listed_through_the_agency_IAM_listing_the_member_accounts_projects()
    {
        using var s = Session(1500);
        RegionEndpoints();
        Emu.Requests.Clear();

        var r = s.Run("Get-DcsMigrationTask -ProfileName member -Region * -Verbose").ThrowIfFailed();

        // Every project of the member account (its sub-project and both projects of one region too), none of the main one's.
        var expected = Emu.MemberProjectRegions.Keys.ToHashSet();
        var listed = r.Output.Select(o => (string)o.Properties["ProjectId"].Value).ToHashSet();
        Assert.Equal(expected.OrderBy(p => p), listed.OrderBy(p => p));
        Assert.Equal(expected.Sum(p => Emu.DataOf(p).DcsTasks.Count), r.Output.Count);
        Assert.All(r.Output, o => Assert.Equal(Emu.MemberProjectRegions[(string)o.Properties["ProjectId"].Value], o.Properties["Region"].Value));
        Assert.Contains(Emu.MemberData.DcsTasks[0].TaskId, TaskIds(r));
        Assert.DoesNotContain(TaskIds(r), id => Emu.Data.FindDcsTask(id) is not null);

        // IAM's project listing and every region's listing: the temporary key; the source key only on securitytokens.
        var requests = Emu.Requests.Snapshot();
        Assert.Single(requests, q => q.Path == SecurityTokens && SignedWith(q, Emu.AccessKey));
        var others = requests.Where(q => q.Path != SecurityTokens).ToList();
        Assert.Contains(others, q => q.Path == "/v3/projects" && q.QueryString.Length == 0);
        Assert.Contains(others, q => q.Path.StartsWith("/" + EmulatorData.OtherRegions[0] + "/", StringComparison.Ordinal));
        var temporary = Assert.Single(others.Select(AccessKeyOf).Distinct());
        Assert.NotEqual(Emu.AccessKey, temporary);
        Assert.All(others, q => Assert.True(q.Headers.ContainsKey("X-Security-Token"), q.Path));
    }

    [Fact]
    public void Two_profiles_at_once_one_an_agency_each_target_signed_with_its_own_keys()
    {
        using var s = Session(1600);
        Emu.Requests.Clear();

        var r = s.Run("Get-DcsMigrationTask -ProfileName main, member").ThrowIfFailed();

        // In the order given: the main account's tasks, then the member account's, each whole.
        Assert.Equal(Emu.Data.DcsTasks.Select(t => t.TaskId).Concat(Emu.MemberData.DcsTasks.Select(t => t.TaskId)), TaskIds(r));
        var requests = Emu.Requests.Snapshot();
        var mainPages = requests.Where(q => q.Path == $"/v2/{Emu.ProjectId}/migration-tasks").ToList();
        var memberPages = requests.Where(q => q.Path == $"/v2/{Emu.MemberProjectId}/migration-tasks").ToList();
        Assert.NotEmpty(mainPages);
        Assert.NotEmpty(memberPages);
        Assert.All(mainPages, q => Assert.True(SignedWith(q, Emu.AccessKey) && !q.Headers.ContainsKey("X-Security-Token")));
        var temporary = Assert.Single(memberPages.Select(AccessKeyOf).Distinct());
        Assert.NotEqual(Emu.AccessKey, temporary);
        Assert.All(memberPages, q => Assert.True(q.Headers.ContainsKey("X-Security-Token")));
        Assert.All(requests.Where(q => q.Path == SecurityTokens), q => Assert.True(SignedWith(q, Emu.AccessKey)));
    }

    [Fact]
    public void An_agency_IAM_refuses_among_two_profiles_is_one_error_naming_the_profile_and_the_other_profile_is_listed_whole()
    {
        using var s = Session(1700, agencyName: "no-such-agency");

        var r = s.Run("Get-DcsMigrationTask -ProfileName main, member");

        Assert.Null(r.Terminating);
        Assert.Equal(Emu.Data.DcsTasks.Select(t => t.TaskId), TaskIds(r));
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("ServiceError.IAM.0003", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        // What the console shows: the target first, then IAM's code, message and trace id.
        var shown = error.ErrorDetails.Message;
        Assert.StartsWith("region ", shown, StringComparison.Ordinal);
        Assert.Contains("profile 'member'", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("profile 'main'", shown, StringComparison.Ordinal);
        Assert.Contains("IAM CreateTemporaryAccessKeyByAgency failed: IAM.0003", shown, StringComparison.Ordinal);
        Assert.Matches("Request id: [0-9a-f]{32}", shown);
    }

    [Fact]
    public async Task Source_keys_IAM_refuses_are_not_sent_again_blindly_and_never_reach_the_lockout()
    {
        // Its own emulator, which locks a key after five refused signatures as the gateway does; a wrong secret key
        // of the main account as the source (refusals are remembered for the process: a fresh one).
        await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 });
        var wrong = "WrongSecret" + Guid.NewGuid().ToString("N");
        using var s = Session(1800, emulator: emu, sourceSecret: wrong);
        var assumes = () => emu.Requests.CountWhere(q => q.Path == SecurityTokens);

        var errors = Enumerable.Range(0, 4).Select(_ => s.Run("Get-DcsMigrationTask -ProfileName member").SingleError()).ToList();

        Assert.Equal(2, assumes());
        Assert.Equal(2, emu.Requests.CountWhere(q => q.Status == 401));
        Assert.Equal(emu.Requests.Count, assumes());
        Assert.All(errors.Take(2), e => Assert.StartsWith("ServiceError.401,", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        Assert.All(errors.Skip(2), e => Assert.StartsWith("CredentialsRefused,", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain(wrong, e.Exception.Message, StringComparison.Ordinal));
        // The key was never locked: the right secret key assumes the agency at once.
        s.Run("param($ak, $sk) Set-HuaweiCloudProfile -Name main -AccessKey $ak -SecretKey $sk", emu.AccessKey, emu.SecretKey).ThrowIfFailed();
        Assert.Equal(emu.MemberData.DcsTasks.Count, s.Run("Get-DcsMigrationTask -ProfileName member").ThrowIfFailed().Output.Count);
    }
}
