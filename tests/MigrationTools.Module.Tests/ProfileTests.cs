using System.Collections.Concurrent;
using System.Management.Automation;
using System.Security;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>Sets process environment variables for one test and restores them afterwards.</summary>
public sealed class EnvScope : IDisposable
{
    public static readonly string[] Managed =
    {
        "MIGRATIONTOOLS_PROFILES_FILE", "MIGRATIONTOOLS_PROFILE", "MIGRATIONTOOLS_METADATA_ENDPOINT", "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
        "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HUAWEICLOUD_SDK_REGION", "HUAWEICLOUD_SDK_PROJECT_ID",
        "HUAWEICLOUD_SDK_IAM_ENDPOINT", "MIGRATIONTOOLS_METADATA_TIMEOUT",
    };

    private readonly Dictionary<string, string?> _saved = new();
    private readonly bool _ownsFolder;

    /// <summary>A scope in a new temporary folder of its own, deleted on Dispose.</summary>
    public EnvScope() : this(Directory.CreateTempSubdirectory("mt-module-").FullName) => _ownsFolder = true;

    public EnvScope(string directory)
    {
        Folder = directory;
        foreach (var name in Managed) { _saved[name] = Environment.GetEnvironmentVariable(name); Environment.SetEnvironmentVariable(name, null); }
        StorePath = Path.Combine(directory, "store", "profiles.json");
        Set("MIGRATIONTOOLS_PROFILES_FILE", StorePath);
        Set("HUAWEICLOUD_SDK_CREDENTIALS_FILE", Path.Combine(directory, "no-credentials"));
        Set("MIGRATIONTOOLS_METADATA_ENDPOINT", "off");
    }

    /// <summary>The folder the store and the other files of the test live in.</summary>
    public string Folder { get; }

    public string StorePath { get; }

    /// <summary>Sets a variable for the test; Dispose restores what it was before (also for one not in <see cref="Managed"/>).</summary>
    public void Set(string name, string? value)
    {
        if (!_saved.ContainsKey(name)) _saved[name] = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose()
    {
        foreach (var pair in _saved) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        if (_ownsFolder) try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ProfileTests : ModuleTestBase
{
    // Unique per test: the module remembers refused key pairs for the whole process.
    private readonly string _wrongSecret = "WrongSecretKey" + Guid.NewGuid().ToString("N");
    private const string Token = "SecurityTokenValue+/ThatMustNeverBeShown==";
    private readonly EnvScope _env;

    public ProfileTests(EmulatorFixture fx) : base(fx)
    {
        _env = new EnvScope();
    }

    public override void Dispose()
    {
        _env.Dispose();
        base.Dispose();
    }

    private string Base => Emu.BaseUri.ToString().TrimEnd('/');

    private ModuleSession Session() => new(Emu, pointAtEmulator: false);

    /// <summary>A profile pointing at the emulator (DCS and IAM endpoints), with the right or a wrong secret.</summary>
    private void AddProfile(ModuleSession s, string name, bool rightSecret, bool withProjectId = true) =>
        s.Run("param($n, $ak, $sk, $r, $p, $e) Set-HuaweiCloudProfile -Name $n -AccessKey $ak -SecretKey $sk -Region $r -ProjectId $p -ServiceEndpoint @{ dcs = $e; iam = $e }",
            name, Emu.AccessKey, rightSecret ? Emu.SecretKey : _wrongSecret, Emu.Region, withProjectId ? Emu.ProjectId : "", Base).ThrowIfFailed();

    private const string ExplicitTarget = "param($e, $r, $p) Get-DcsMigrationTask -First 1 -Endpoint $e -Region $r -ProjectId $p";

    private static void AssertAuthFailure(RunResult r) => Assert.Contains("APIG.0301", r.SingleError().FullyQualifiedErrorId);

    private int DcsRequests() => Emu.Requests.CountWhere(r => r.Path.Contains("/migration-tasks"));

    [Fact]
    public void A_long_listing_over_several_profiles_shows_no_progress_bar()
    {
        // One bar per listing: the same listing over one profile shows one (ConcurrentPagingTests), over two none.
        using var s = Session();
        AddProfile(s, "one", true);
        AddProfile(s, "two", true);
        Emu.Faults.LatencyMs = 150;
        var r = s.Run("Get-DcsMigrationTask -ProfileName one, two -PageSize 100 -ThrottleLimit 1").ThrowIfFailed();
        Assert.Equal(2 * Emu.Data.DcsTasks.Count, r.Output.Count);
        Assert.Empty(r.Progress);
    }

    [Fact]
    public void A_profiles_project_id_is_not_used_for_another_region()
    {
        using var s = Session();
        AddProfile(s, "good", true);
        var other = EmulatorData.OtherRegions[0];
        var expected = Emu.Data.IamProjects.Single(p => p.Name == other).Id;
        Emu.Requests.Clear();
        var r = s.Run("Get-DcsMigrationTask -First 1 -ProfileName good -Region $args[0] -Endpoint $args[1]", other, Base);
        // IAM was asked for the other region's project, and the DCS request went to that project (which the
        // emulator, serving only its own project, refuses): the profile's project id was not reused.
        Assert.Equal(1, Emu.Requests.CountWhere(q => q.Path == "/v3/projects" && q.QueryString.Contains("name=" + other)));
        Assert.Contains(Emu.Requests.Snapshot(), q => q.Path == $"/v2/{expected}/migration-tasks");
        Assert.NotEmpty(r.Errors.Concat(r.Terminating is null ? Array.Empty<ErrorRecord>() : new[] { r.Terminating.ErrorRecord }));
    }

    [Fact]
    public async Task A_profiles_security_token_is_sent_and_signed()
    {
        // Temporary keys from the emulator's ECS metadata, kept in a profile: the gateway refuses them without their token.
        var (access, secret, token) = await EmulatorMetadata.TemporaryKeysAsync(Emu.BaseUri);
        using var s = Session();
        s.Run("param($n, $ak, $sk, $t, $r, $p, $e) Set-HuaweiCloudProfile -Name $n -AccessKey $ak -SecretKey $sk -SecurityToken $t -Region $r -ProjectId $p -ServiceEndpoint @{ dcs = $e }",
            "temporary", access, secret, token, Emu.Region, Emu.ProjectId, Base).ThrowIfFailed();
        Emu.Requests.Clear();
        Assert.Single(s.Run("Get-DcsMigrationTask -First 1 -ProfileName temporary").ThrowIfFailed().Output);
        var sent = Assert.Single(Emu.Requests.Snapshot());
        Assert.Equal(200, sent.Status);
        Assert.True(sent.Headers.ContainsKey("X-Security-Token"), "the token travels in X-Security-Token");
        Assert.Matches("SignedHeaders=[^,]*x-security-token", sent.Headers["Authorization"]);
    }

    [Fact]
    public void Parameters_beat_ProfileName()
    {
        using var s = Session();
        AddProfile(s, "bad", rightSecret: false);
        s.Run(ExplicitTarget + " -ProfileName bad -AccessKey $args[0] -SecretKey $args[1]", Base, Emu.Region, Emu.ProjectId, Emu.AccessKey, Emu.SecretKey).ThrowIfFailed();
    }

    [Fact]
    public void ProfileName_beats_session_default_and_environment()
    {
        using var s = Session();
        AddProfile(s, "good", true);
        AddProfile(s, "bad", false);
        s.Run("Use-HuaweiCloudProfile bad").ThrowIfFailed();
        _env.Set("HUAWEICLOUD_SDK_AK", Emu.AccessKey);
        _env.Set("HUAWEICLOUD_SDK_SK", _wrongSecret);
        var r = s.Run("Get-DcsMigrationTask -First 1 -ProfileName good -Debug", ps => ps.Runspace.SessionStateProxy.SetVariable("DebugPreference", "Continue"));
        r.ThrowIfFailed();
        Assert.Single(r.Output);
        Assert.Contains("Credentials: profile 'good' (-ProfileName).", r.Debug);
    }

    [Fact]
    public void Session_default_beats_environment_keys()
    {
        using var s = Session();
        AddProfile(s, "good", true);
        _env.Set("HUAWEICLOUD_SDK_AK", Emu.AccessKey);
        _env.Set("HUAWEICLOUD_SDK_SK", _wrongSecret);
        AssertAuthFailure(s.Run(ExplicitTarget, Base, Emu.Region, Emu.ProjectId)); // the environment's wrong secret is used...
        s.Run("Use-HuaweiCloudProfile -Name good").ThrowIfFailed();
        s.Run("Get-DcsMigrationTask -First 1").ThrowIfFailed();                       // ...until the session default beats it
        s.Run("Use-HuaweiCloudProfile -Clear").ThrowIfFailed();
        AssertAuthFailure(s.Run(ExplicitTarget, Base, Emu.Region, Emu.ProjectId));
    }

    [Fact]
    public void Environment_keys_beat_MIGRATIONTOOLS_PROFILE_which_beats_default()
    {
        using var s = Session();
        AddProfile(s, "bad", false);
        AddProfile(s, "good", true);
        AddProfile(s, "default", false);
        _env.Set("MIGRATIONTOOLS_PROFILE", "bad");
        _env.Set("HUAWEICLOUD_SDK_AK", Emu.AccessKey);
        _env.Set("HUAWEICLOUD_SDK_SK", Emu.SecretKey);
        s.Run(ExplicitTarget, Base, Emu.Region, Emu.ProjectId).ThrowIfFailed();
        _env.Set("HUAWEICLOUD_SDK_AK", null);
        _env.Set("HUAWEICLOUD_SDK_SK", null);
        AssertAuthFailure(s.Run("Get-DcsMigrationTask -First 1"));
        _env.Set("MIGRATIONTOOLS_PROFILE", "good");
        s.Run("Get-DcsMigrationTask -First 1").ThrowIfFailed(); // beats the wrong 'default'
        _env.Set("MIGRATIONTOOLS_PROFILE", null);
        AssertAuthFailure(s.Run("Get-DcsMigrationTask -First 1"));
    }

    [Fact]
    public void Default_profile_beats_the_SDK_credentials_file()
    {
        using var s = Session();
        var file = Path.Combine(_env.Folder, "credentials");
        File.WriteAllText(file, $"[basic]\nak = {Emu.AccessKey}\nsk = {_wrongSecret}\n");
        _env.Set("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file);
        AssertAuthFailure(s.Run(ExplicitTarget, Base, Emu.Region, Emu.ProjectId));
        AddProfile(s, "default", true);
        s.Run("Get-DcsMigrationTask -First 1").ThrowIfFailed();
    }

    [Fact]
    public void Unknown_ProfileName_never_falls_through_even_with_good_environment_keys()
    {
        using var s = Session();
        AddProfile(s, "alpha", true);
        AddProfile(s, "beta", true);
        _env.Set("HUAWEICLOUD_SDK_AK", Emu.AccessKey);
        _env.Set("HUAWEICLOUD_SDK_SK", Emu.SecretKey);
        var before = DcsRequests();
        var e = s.Run(ExplicitTarget + " -ProfileName prod", Base, Emu.Region, Emu.ProjectId).SingleError();
        Assert.Equal("ProfileNotFound,MigrationTools.Commands.GetDcsMigrationTaskCommand", e.FullyQualifiedErrorId);
        Assert.Contains("Known profiles: alpha, beta.", e.Exception.Message);
        Assert.Equal(before, DcsRequests());
    }

    [Fact]
    public async Task Two_runspaces_sign_with_their_own_session_default_in_parallel()
    {
        using var setup = Session();
        AddProfile(setup, "good", true);
        AddProfile(setup, "bad", false);
        using var a = Session();
        using var b = Session();
        a.Run("Use-HuaweiCloudProfile good").ThrowIfFailed();
        b.Run("Use-HuaweiCloudProfile bad").ThrowIfFailed();

        // A runspace runs one pipeline at a time: one task per runspace, both at once, several rounds each.
        var failures = new ConcurrentBag<string>();
        var good = Task.Run(() =>
        {
            for (var i = 0; i < 4; i++)
            {
                var r = a.Run("Get-DcsMigrationTask -First 2");
                if (r.Errors.Count > 0 || r.Terminating is not null || r.Output.Count != 2) failures.Add("good failed: " + r.AllText());
            }
        });
        var bad = Task.Run(() =>
        {
            for (var i = 0; i < 4; i++)
            {
                var r = b.Run("Get-DcsMigrationTask -First 2");
                // The gateway refuses the first two; then the module refuses the pair itself, sending nothing.
                var expected = i < 2 ? "ServiceError.APIG.0301," : "CredentialsRefused,";
                if (r.Output.Count != 0 || !r.SingleError().FullyQualifiedErrorId.StartsWith(expected, StringComparison.Ordinal)) failures.Add("bad did not fail as expected: " + r.AllText());
            }
        });
        await Task.WhenAll(good, bad);
        Assert.Empty(failures);
        Assert.True((bool)a.Run("(Get-HuaweiCloudProfile good).IsSessionDefault").Output.Single().BaseObject);
        Assert.False((bool)b.Run("(Get-HuaweiCloudProfile good).IsSessionDefault").Output.Single().BaseObject);
    }

    [Fact]
    public void ECS_metadata_is_the_last_source()
    {
        using var s = Session();
        _env.Set("MIGRATIONTOOLS_METADATA_ENDPOINT", Base);
        _env.Set("MIGRATIONTOOLS_METADATA_TIMEOUT", "60"); // a loaded machine may answer later than a laptop's 2 s
        var r = s.Run(ExplicitTarget + " -Debug", ps => ps.Runspace.SessionStateProxy.SetVariable("DebugPreference", "Continue"), Base, Emu.Region, Emu.ProjectId);
        r.ThrowIfFailed();
        Assert.Contains("Credentials: ECS instance metadata.", r.Debug);
        Assert.Contains(r.Debug, d => d.Contains("as EMUT") && d.Contains("(ECS instance metadata)"));
    }

    [Fact]
    public void Ctrl_C_while_the_chain_waits_for_a_silent_metadata_address_stops_the_command()
    {
        // Accepts connections (the kernel's backlog) but never answers, and a wait of 300 s: only Stop ends it soon.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        _env.Set("MIGRATIONTOOLS_METADATA_ENDPOINT", $"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}");
        _env.Set("MIGRATIONTOOLS_METADATA_TIMEOUT", "300");
        using var s = Session();
        var took = s.StopWhileRunning($"Get-DcsMigrationTask -First 1 -Endpoint '{Base}' -Region '{Emu.Region}' -ProjectId '{Emu.ProjectId}'",
            _ => silent.Pending());
        Console.WriteLine($"Stop during the metadata wait: {took.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void No_credentials_is_one_error_naming_every_source_and_the_unreachable_metadata()
    {
        using var s = Session();
        _env.Set("MIGRATIONTOOLS_METADATA_ENDPOINT", "http://127.0.0.1:1");
        _env.Set("MIGRATIONTOOLS_METADATA_TIMEOUT", "60");
        var e = s.Run(ExplicitTarget, Base, Emu.Region, Emu.ProjectId).SingleError();
        Assert.Equal("CredentialsNotFound,MigrationTools.Commands.GetDcsMigrationTaskCommand", e.FullyQualifiedErrorId);
        Assert.Contains("8. ECS instance metadata at http://127.0.0.1:1 (", e.Exception.Message);
        // Refused at once: not waited for as a silent address would be (that says "no answer ... within 60 s").
        Assert.Contains("could not be reached", e.Exception.Message);
        Assert.DoesNotContain("no answer", e.Exception.Message);
        Assert.Contains("Set-HuaweiCloudProfile -Name default", e.Exception.Message);
    }

    [Fact]
    public async Task Project_id_is_asked_of_IAM_once_for_many_cmdlet_calls()
    {
        await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, EnableLockout = false });
        using var s = new ModuleSession(emu, pointAtEmulator: false);
        s.Run("param($n, $ak, $sk, $r, $e) Set-HuaweiCloudProfile -Name $n -AccessKey $ak -SecretKey $sk -Region $r -ServiceEndpoint @{ dcs = $e } -IamEndpoint $e",
            "noproject", emu.AccessKey, emu.SecretKey, emu.Region, emu.BaseUri.ToString().TrimEnd('/')).ThrowIfFailed();
        for (var i = 0; i < 5; i++) Assert.Single(s.Run("Get-DcsMigrationTask -First 1 -ProfileName noproject").ThrowIfFailed().Output);
        using var other = new ModuleSession(emu, pointAtEmulator: false);
        other.Run("Get-DcsMigrationTask -First 1 -ProfileName noproject").ThrowIfFailed();
        Assert.Equal(1, emu.Requests.CountWhere(r => r.Path == "/v3/projects"));
        Assert.Equal(6, emu.Requests.CountWhere(r => r.Path == $"/v2/{emu.ProjectId}/migration-tasks"));
    }

    [Fact]
    public void No_secret_appears_in_any_stream_or_profile_property()
    {
        using var s = Session();
        var prefs = (Action<PowerShell>)(ps => { ps.Runspace.SessionStateProxy.SetVariable("DebugPreference", "Continue"); ps.Runspace.SessionStateProxy.SetVariable("VerbosePreference", "Continue"); });
        var all = new List<RunResult>
        {
            s.Run("param($ak, $sk, $t, $e) Set-HuaweiCloudProfile -Name withtoken -AccessKey $ak -SecretKey $sk -SecurityToken $t -Region cn-north-4 -ServiceEndpoint @{ dcs = $e } -PassThru -Verbose",
                prefs, Emu.AccessKey, Emu.SecretKey, Token, Base),
            s.Run("param($ak, $sk, $e) Set-HuaweiCloudProfile -Name wrong -AccessKey $ak -SecretKey $sk -Region cn-north-4 -ProjectId $args[0] -ServiceEndpoint @{ dcs = $e } -PassThru",
                prefs, Emu.AccessKey, _wrongSecret, Base, Emu.ProjectId),
            s.Run("Get-HuaweiCloudProfile"),
            s.Run("Get-HuaweiCloudProfile -Name with*, wrong, missing"),
            s.Run("Get-DcsMigrationTask -First 1 -ProfileName wrong -Verbose -Debug", prefs),
            s.Run("Get-DcsMigrationTask -First 1 -ProfileName withtoken -ProjectId 0123456789abcdef0123456789abcdef -Verbose -Debug", prefs),
        };
        var profiles = all[2].Output;
        Assert.Equal(2, profiles.Count);
        foreach (var o in profiles)
        {
            Assert.Equal("MigrationTools.Core.Profiles.HuaweiCloudProfileInfo", o.BaseObject.GetType().FullName);
            foreach (var p in o.Properties) Assert.DoesNotContain(Emu.AccessKey, p.Value?.ToString() ?? ""); // masked
        }
        Assert.Equal(Emu.AccessKey[..4] + new string('*', Emu.AccessKey.Length - 8) + Emu.AccessKey[^4..], profiles[0].Properties["AccessKey"].Value);
        Assert.Equal(true, profiles.Single(p => (string)p.Properties["Name"].Value == "withtoken").Properties["HasSecurityToken"].Value);
        Assert.NotEmpty(all[4].Debug);
        Assert.Contains("APIG.0301", all[4].SingleError().FullyQualifiedErrorId);
        // Every stream and every property of what was written (the profiles' too).
        foreach (var r in all) Secrets.AssertAbsent(r, Emu.SecretKey, _wrongSecret, Token);
    }

    [Fact]
    public void Set_accepts_a_PSCredential_or_a_SecureString_secret()
    {
        using var s = Session();
        var secure = new SecureString();
        foreach (var c in Emu.SecretKey) secure.AppendChar(c);
        secure.MakeReadOnly();
        s.Run("param($ak, $sk, $r, $p, $e) Set-HuaweiCloudProfile secure -AccessKey $ak -SecureSecretKey $sk -Region $r -ProjectId $p -ServiceEndpoint @{ dcs = $e }",
            Emu.AccessKey, secure, Emu.Region, Emu.ProjectId, Base).ThrowIfFailed();
        s.Run("Get-DcsMigrationTask -First 1 -ProfileName secure").ThrowIfFailed();
        s.Run("param($c, $r, $p, $e) Set-HuaweiCloudProfile cred -Credential $c -Region $r -ProjectId $p -ServiceEndpoint @{ dcs = $e }",
            new PSCredential(Emu.AccessKey, secure), Emu.Region, Emu.ProjectId, Base).ThrowIfFailed();
        s.Run("Get-DcsMigrationTask -First 1 -ProfileName cred").ThrowIfFailed();
        // An update without keys keeps them.
        s.Run("Set-HuaweiCloudProfile cred -Region cn-north-4").ThrowIfFailed();
        s.Run("Get-DcsMigrationTask -First 1 -ProfileName cred").ThrowIfFailed();
    }

    [Fact]
    public void WhatIf_refuses_what_the_real_call_would_refuse_instead_of_saying_it_would_create_it()
    {
        // Before, only the name was checked ahead of ShouldProcess: -WhatIf returned quietly for this update.
        using var s = Session();
        var r = s.Run("param($ak) Set-HuaweiCloudProfile x -AccessKey $ak -SecretKey abc -ServiceEndpoint @{ ecs = 'https://ecs.example.com' } -WhatIf", Emu.AccessKey);
        Assert.Equal("UnknownServiceKey,MigrationTools.Commands.SetHuaweiCloudProfileCommand", r.SingleError().FullyQualifiedErrorId);
        Assert.False(File.Exists(_env.StorePath));
    }

    [Fact]
    public void Remove_honours_WhatIf_and_Confirm_and_Use_rejects_unknown_names()
    {
        using var s = Session();
        AddProfile(s, "temp", true);
        s.Run("Remove-HuaweiCloudProfile temp -WhatIf").ThrowIfFailed();
        Assert.Single(s.Run("Get-HuaweiCloudProfile temp").ThrowIfFailed().Output);
        s.Run("Use-HuaweiCloudProfile temp").ThrowIfFailed();
        s.Run("Get-HuaweiCloudProfile temp | Remove-HuaweiCloudProfile -Confirm:$false").ThrowIfFailed();
        Assert.Equal("ProfileNotFound,MigrationTools.Commands.GetHuaweiCloudProfileCommand", s.Run("Get-HuaweiCloudProfile temp").SingleError().FullyQualifiedErrorId);
        Assert.Equal("ProfileNotFound,MigrationTools.Commands.UseHuaweiCloudProfileCommand", s.Run("Use-HuaweiCloudProfile temp").SingleError().FullyQualifiedErrorId);
        s.Run("Use-HuaweiCloudProfile -Name $null").ThrowIfFailed();
    }

    [Fact]
    public void A_corrupt_store_is_reported_by_path_and_left_unchanged()
    {
        using var s = Session();
        Directory.CreateDirectory(Path.GetDirectoryName(_env.StorePath)!);
        File.WriteAllText(_env.StorePath, "{ \"version\": 1, \"profiles\": { \"x\": ");
        var e = s.Run("param($ak) Set-HuaweiCloudProfile x -AccessKey $ak -SecretKey abc", Emu.AccessKey).SingleError();
        Assert.Equal("ProfileStoreCorrupt,MigrationTools.Commands.SetHuaweiCloudProfileCommand", e.FullyQualifiedErrorId);
        Assert.Contains(_env.StorePath, e.Exception.Message);
        Assert.Equal("{ \"version\": 1, \"profiles\": { \"x\": ", File.ReadAllText(_env.StorePath));
        Assert.Equal("ProfileStoreCorrupt,MigrationTools.Commands.GetHuaweiCloudProfileCommand", s.Run("Get-HuaweiCloudProfile").SingleError().FullyQualifiedErrorId);
    }

    [Fact]
    public void ProfileName_completes_with_the_stored_names()
    {
        using var s = Session();
        AddProfile(s, "prod-eu", true);
        AddProfile(s, "prod-cn", true);
        AddProfile(s, "test", true);
        var r = s.Run("(TabExpansion2 -inputScript 'Get-DcsMigrationTask -ProfileName pro' -cursorColumn 37).CompletionMatches.CompletionText").ThrowIfFailed();
        Assert.Equal(new[] { "prod-cn", "prod-eu" }, r.Output.Select(o => o.ToString()).ToArray());
    }
}
