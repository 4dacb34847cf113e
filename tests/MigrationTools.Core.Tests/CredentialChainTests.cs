using MigrationTools.Core.Connection;
using MigrationTools.Core.Credentials;
using MigrationTools.Core.Endpoints;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Profiles;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>The precedence matrix: every source present, then the winner removed one at a time.</summary>
public sealed class CredentialChainTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _store;
    private readonly string _sdkFile;

    public CredentialChainTests()
    {
        _store = _dir.File("profiles.json");
        _sdkFile = _dir.File("credentials");
        var store = new ProfileStore(_store);
        foreach (var name in new[] { "prod", "sess", "envprof", "default" })
            store.Set(new ProfileUpdate(name) { AccessKey = "AK_" + name.ToUpperInvariant(), SecretKey = "SK_" + name, Region = "region-" + name });
        File.WriteAllText(_sdkFile, "# the SDKs' file\n[global]\nak = AK_GLOBAL\nsk = SK_GLOBAL\n\n[basic]\nak = AK_FILE\nsk = SK_FILE\nproject_id = pid-file\niam_endpoint = https://iam.example.com\nsecurity_token = TOKEN_FILE\n");
    }

    public void Dispose() => _dir.Dispose();

    private Dictionary<string, string> Env(bool withEnvAk = true, bool withEnvProfile = true) => new()
    {
        [ProfileStore.PathVariable] = _store,
        [SdkCredentialsFileSource.PathVariable] = _sdkFile,
        [MetadataSigningCredentials.EndpointVariable] = "off",
        [EnvironmentCredentialSource.AccessKeyVariable] = withEnvAk ? "AK_ENV" : "",
        [EnvironmentCredentialSource.SecretKeyVariable] = withEnvAk ? "SK_ENV" : "",
        [EnvironmentProfileSource.Variable] = withEnvProfile ? "envprof" : "",
    };

    private static CredentialResolution Resolve(ConnectionRequest request, Dictionary<string, string> env)
    {
        var environment = new DictionaryEnvironment(env);
        return ConnectionResolver.FullChain(environment).Resolve(request, environment);
    }

    private static HuaweiCloudCredentials Creds(CredentialResolution r) => r.SigningCredentials.GetCredentialsAsync(default).GetAwaiter().GetResult();

    private static ConnectionRequest Request(bool parameters = true, string? profile = "prod", string? session = "sess") => new(CloudService.Dcs)
    {
        AccessKey = parameters ? "AK_PARAM" : null,
        SecretKey = parameters ? "SK_PARAM" : null,
        ProfileName = profile,
        SessionProfileName = session,
    };

    [Fact]
    public void Parameters_beat_ProfileName()
    {
        var r = Resolve(Request(), Env());
        Assert.Equal("AK_PARAM", Creds(r).AccessKey);
        Assert.Null(r.Region);
    }

    [Fact]
    public void ProfileName_beats_session_default()
    {
        var r = Resolve(Request(parameters: false), Env());
        Assert.Equal("AK_PROD", Creds(r).AccessKey);
        Assert.Equal("region-prod", r.Region);
        Assert.Equal("profile 'prod' (-ProfileName)", r.SigningCredentials.Source);
    }

    [Fact]
    public void Session_default_beats_environment_keys()
    {
        var r = Resolve(Request(parameters: false, profile: null), Env());
        Assert.Equal("AK_SESS", Creds(r).AccessKey);
        Assert.Equal("session default profile 'sess' (Use-HuaweiCloudProfile)", r.SigningCredentials.Source);
    }

    [Fact]
    public void Environment_keys_beat_MIGRATIONTOOLS_PROFILE()
    {
        var r = Resolve(Request(parameters: false, profile: null, session: null), Env());
        Assert.Equal("AK_ENV", Creds(r).AccessKey);
    }

    [Fact]
    public void MIGRATIONTOOLS_PROFILE_beats_the_default_profile()
    {
        var r = Resolve(Request(false, null, null), Env(withEnvAk: false));
        Assert.Equal("AK_ENVPROF", Creds(r).AccessKey);
        Assert.Equal("profile 'envprof' ($env:MIGRATIONTOOLS_PROFILE)", r.SigningCredentials.Source);
    }

    [Fact]
    public void Default_profile_beats_the_SDK_credentials_file()
    {
        var r = Resolve(Request(false, null, null), Env(false, false));
        Assert.Equal("AK_DEFAULT", Creds(r).AccessKey);
        Assert.Equal("profile 'default'", r.SigningCredentials.Source);
    }

    [Fact]
    public void SDK_credentials_file_basic_section_is_read_with_its_settings()
    {
        new ProfileStore(_store).Remove("default");
        var r = Resolve(Request(false, null, null), Env(false, false));
        var c = Creds(r);
        Assert.Equal(("AK_FILE", "SK_FILE", "TOKEN_FILE"), (c.AccessKey, c.SecretKey, c.SecurityToken));
        Assert.Equal("pid-file", r.ProjectId);
        Assert.Equal("https://iam.example.com", r.IamEndpoint);
        Assert.StartsWith("SDK credentials file", r.SigningCredentials.Source);
    }

    [Fact]
    public void Nothing_found_is_one_error_naming_all_eight_sources_and_the_fix()
    {
        new ProfileStore(_store).Remove("default");
        File.Delete(_sdkFile);
        var e = Assert.Throws<CredentialsNotFoundException>(() => Resolve(Request(false, null, null), Env(false, false)));
        foreach (var part in new[] { "1. -AccessKey/-SecretKey", "2. -ProfileName", "3. the session default", "4. $env:HUAWEICLOUD_SDK_AK",
                     "5. $env:MIGRATIONTOOLS_PROFILE", "6. the profile named 'default'", "7. the SDKs' credentials file", "8. ECS instance metadata",
                     "Set-HuaweiCloudProfile -Name default" })
            Assert.Contains(part, e.Message);
    }

    [Fact]
    public void Unknown_ProfileName_never_falls_through_even_with_environment_keys()
    {
        var e = Assert.Throws<HuaweiCloudConfigurationException>(() => Resolve(Request(false, "nope", "sess"), Env()));
        Assert.Equal("ProfileNotFound", e.ErrorId);
        Assert.Equal("ProfileName", e.ParameterName);
        Assert.Contains("Known profiles: default, envprof, prod, sess.", e.Message);
    }

    [Fact]
    public void Unknown_MIGRATIONTOOLS_PROFILE_never_falls_through_to_the_default_profile()
    {
        var env = Env(withEnvAk: false);
        env[EnvironmentProfileSource.Variable] = "ghost";
        var e = Assert.Throws<HuaweiCloudConfigurationException>(() => Resolve(Request(false, null, null), env));
        Assert.Equal("ProfileNotFound", e.ErrorId);
        Assert.Contains("$env:MIGRATIONTOOLS_PROFILE", e.Message);
    }

    [Fact]
    public void A_removed_session_default_is_an_error_not_a_fall_through()
    {
        var e = Assert.Throws<HuaweiCloudConfigurationException>(() => Resolve(Request(false, null, "gone"), Env()));
        Assert.Contains("Use-HuaweiCloudProfile -Clear", e.Message);
    }

    [Fact]
    public void SDK_file_without_basic_section_falls_through_and_an_incomplete_one_is_an_error()
    {
        Assert.Null(SdkCredentialsFileSource.ReadSection(new[] { "[global]", "ak=x" }, "basic"));
        File.WriteAllText(_sdkFile, "[basic]\nak = AK_ONLY\n");
        new ProfileStore(_store).Remove("default");
        var e = Assert.Throws<HuaweiCloudConfigurationException>(() => Resolve(Request(false, null, null), Env(false, false)));
        Assert.Equal("CredentialsFileIncomplete", e.ErrorId);
        Assert.DoesNotContain("AK_ONLY", e.Message);
    }

    [Fact]
    public void Region_and_project_come_from_parameter_then_profile_then_environment()
    {
        var env = Env(false, false);
        env[ConnectionResolver.RegionVariable] = "cn-south-1";
        env[ConnectionResolver.ProjectIdVariable] = "pid-env";
        var environment = new DictionaryEnvironment(env);
        var resolver = new ConnectionResolver(ConnectionResolver.FullChain(environment), environment);
        var host = new Http.PlainOperationHost();

        new ProfileStore(_store).Set(new ProfileUpdate("prod") { Region = "cn-north-4", ProjectId = "pid-prod" });
        var fromProfile = resolver.Resolve(new ConnectionRequest(CloudService.Dcs) { ProfileName = "prod" }, host);
        Assert.Equal(("cn-north-4", "pid-prod"), (fromProfile.Region, fromProfile.ProjectId));

        var fromParameters = resolver.Resolve(new ConnectionRequest(CloudService.Dcs) { ProfileName = "prod", Region = "ap-southeast-1", ProjectId = "pid-param" }, host);
        Assert.Equal(("ap-southeast-1", "pid-param"), (fromParameters.Region, fromParameters.ProjectId));

        new ProfileStore(_store).Set(new ProfileUpdate("default") { Region = "" });
        var fromEnvironment = resolver.Resolve(new ConnectionRequest(CloudService.Dcs), host); // profile 'default': no region, no project
        Assert.Equal(("cn-south-1", "pid-env"), (fromEnvironment.Region, fromEnvironment.ProjectId));
    }

    [Theory]
    [InlineData("AK_ONLY", null, "SecretKeyMissing", "SecretKey", "-SecretKey, or the password of -Credential, is empty")]
    [InlineData(null, "SK_ONLY", "AccessKeyMissing", "AccessKey", "-Credential whose user name is the access key")]
    public void Half_a_key_pair_on_the_command_is_an_error_that_names_both_forms(string? ak, string? sk, string errorId, string parameter, string hint)
    {
        var chain = ConnectionResolver.FullChain(new DictionaryEnvironment(Env()));
        var ex = Assert.Throws<HuaweiCloudConfigurationException>(() =>
            chain.Resolve(new ConnectionRequest(CloudService.Dcs) { AccessKey = ak, SecretKey = sk }, new DictionaryEnvironment(Env())));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(parameter, ex.ParameterName);
        Assert.Contains(hint, ex.Message);
        Assert.DoesNotContain("SK_ONLY", ex.Message);
    }
}
