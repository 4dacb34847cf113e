using System.Text.Json;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Profiles;
using Xunit;

namespace MigrationTools.Core.Tests;

public sealed class ProfileStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private ProfileStore Store() => new(_dir.File("sub", "profiles.json"));

    [Fact]
    public void Set_creates_and_updates_keeping_unchanged_settings()
    {
        var store = Store();
        store.Set(new ProfileUpdate("prod") { AccessKey = "AKPROD000000000001", SecretKey = "SKPROD", SecurityToken = "TOKEN", Region = "cn-north-4",
            ServiceEndpoints = new Dictionary<string, string?> { ["DCS"] = "https://dcs.example.com" } });
        store.Set(new ProfileUpdate("PROD") { ProjectId = "0123456789abcdef0123456789abcdef", Region = "" });

        var p = Assert.Single(store.List());
        Assert.Equal("prod", p.Name);
        Assert.Equal("AKPROD000000000001", p.AccessKey);
        Assert.Equal("SKPROD", p.SecretKey);
        Assert.Equal("TOKEN", p.SecurityToken);
        Assert.Null(p.Region); // '' clears
        Assert.Equal("0123456789abcdef0123456789abcdef", p.ProjectId);
        Assert.Equal("https://dcs.example.com", p.ServiceEndpoints["dcs"]);
        Assert.DoesNotContain("SKPROD", p.ToString());

        // New keys drop the old token: it belonged to other (temporary) keys.
        store.Set(new ProfileUpdate("prod") { AccessKey = "AKOTHER00000000002", SecretKey = "SKOTHER" });
        Assert.Null(store.Find("prod")!.SecurityToken);
    }

    [Fact]
    public void A_new_profile_needs_keys_and_a_valid_name_endpoint_and_service()
    {
        var store = Store();
        Assert.Equal("ProfileKeysMissing", Assert.Throws<HuaweiCloudConfigurationException>(() => store.Set(new ProfileUpdate("x") { Region = "cn-north-4" })).ErrorId);
        Assert.Equal("InvalidProfileName", Assert.Throws<HuaweiCloudConfigurationException>(() => store.Set(new ProfileUpdate("a b") { AccessKey = "A", SecretKey = "S" })).ErrorId);
        Assert.Equal("InsecureEndpoint", Assert.Throws<HuaweiCloudConfigurationException>(() => store.Set(new ProfileUpdate("x") { AccessKey = "A", SecretKey = "S", IamEndpoint = "http://iam.example.com" })).ErrorId);
        Assert.Equal("UnknownServiceKey", Assert.Throws<HuaweiCloudConfigurationException>(() => store.Set(new ProfileUpdate("x") { AccessKey = "A", SecretKey = "S",
            ServiceEndpoints = new Dictionary<string, string?> { ["ecs"] = "https://ecs.example.com" } })).ErrorId);
        Assert.False(File.Exists(store.Path));
    }

    [Theory]
    [InlineData("  ", "S", "AccessKey")]
    [InlineData("A", "", "SecretKey")]
    public void A_key_given_blank_is_refused_by_name_also_for_a_stored_profile(string ak, string sk, string parameter)
    {
        var store = Store();
        store.Set(new ProfileUpdate("x") { AccessKey = "A", SecretKey = "S" });
        var error = Assert.Throws<HuaweiCloudConfigurationException>(() => store.Set(new ProfileUpdate("x") { AccessKey = ak, SecretKey = sk }));
        Assert.Equal("ProfileKeyBlank", error.ErrorId);
        Assert.Equal(parameter, error.ParameterName);
        Assert.StartsWith($"-{parameter} is blank", error.Message);
        Assert.Equal("A", store.Find("x")!.AccessKey);
    }

    [Fact]
    public void Remove_deletes_only_that_profile()
    {
        var store = Store();
        store.Set(new ProfileUpdate("a") { AccessKey = "AK_A", SecretKey = "SK_A" });
        store.Set(new ProfileUpdate("b") { AccessKey = "AK_B", SecretKey = "SK_B" });
        Assert.True(store.Remove("A"));
        Assert.False(store.Remove("a"));
        Assert.Equal("b", Assert.Single(store.List()).Name);
    }

    [Fact]
    public void File_is_created_0600_and_its_folder_0700()
    {
        if (OperatingSystem.IsWindows()) return; // Windows: the user profile's private ACL is inherited (documented)
        var store = Store();
        store.Set(new ProfileUpdate("a") { AccessKey = "AK_A", SecretKey = "SK_A" });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(store.Path)!));
        // An update replaces the file by rename: still 0600, and no temporary file is left behind.
        store.Set(new ProfileUpdate("b") { AccessKey = "AK_B", SecretKey = "SK_B" });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        Assert.Equal(new[] { "profiles.json", "profiles.json.lock" }, Directory.GetFiles(Path.GetDirectoryName(store.Path)!).Select(Path.GetFileName).Order().ToArray());
    }

    [Fact]
    public void Temporary_file_is_0600_from_creation()
    {
        if (OperatingSystem.IsWindows()) return;
        Directory.CreateDirectory(_dir.File("sub"));
        using (OwnerOnlyFile.CreateTemp(_dir.File("sub", "x.json"), out var temp))
        {
            Assert.Equal(0, new FileInfo(temp).Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp));
        }
    }

    [Fact]
    public void Twenty_parallel_writers_each_keep_their_profile()
    {
        var path = _dir.File("sub", "profiles.json");
        Parallel.For(0, 20, new ParallelOptions { MaxDegreeOfParallelism = 20 }, i =>
            new ProfileStore(path).Set(new ProfileUpdate("p" + i) { AccessKey = "AK" + i, SecretKey = "SK" + i, Region = "cn-north-4" }));

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path)); // parseable
        var names = new ProfileStore(path).List().Select(p => p.Name).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => "p" + i).ToHashSet(), names);
    }

    [Fact]
    public void Writers_in_separate_processes_each_keep_their_profiles()
    {
        // Two runbooks at once are two processes: the lock file and the atomic rename must hold across processes.
        var path = _dir.File("procs", "profiles.json");
        var writer = Path.Combine(AppContext.BaseDirectory.Replace("MigrationTools.Core.Tests", "MigrationTools.ProfileWriter"), "MigrationTools.ProfileWriter.dll");
        Assert.True(File.Exists(writer), "not built: " + writer);
        const int processes = 6, each = 5;
        var running = Enumerable.Range(0, processes).Select(p => System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", writer, path, $"w{p}-", each.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardError = true,
            UseShellExecute = false,
        })!).ToList();
        foreach (var process in running)
        {
            Assert.True(process.WaitForExit(120_000), "a writer did not finish");
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path)); // parseable
        var names = new ProfileStore(path).List().Select(p => p.Name).ToHashSet();
        var expected = Enumerable.Range(0, processes).SelectMany(p => Enumerable.Range(0, each).Select(i => $"w{p}-{i}")).ToHashSet();
        Assert.Equal(expected, names);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_corrupt_file_is_reported_by_name_and_never_overwritten()
    {
        var store = Store();
        Directory.CreateDirectory(Path.GetDirectoryName(store.Path)!);
        const string damaged = "{\"version\":1,\"profiles\":{\"prod\":{\"access_key\":\"AKX\",\"secret_key\":\"TOPSECRETSK";
        File.WriteAllText(store.Path, damaged);

        var read = Assert.Throws<ProfileStoreException>(() => store.List());
        Assert.Equal("ProfileStoreCorrupt", read.ErrorId);
        Assert.Contains(store.Path, read.Message);
        Assert.DoesNotContain("TOPSECRETSK", read.Message);
        Assert.Contains("left unchanged", read.Message);

        var write = Assert.Throws<ProfileStoreException>(() => store.Set(new ProfileUpdate("new") { AccessKey = "AK", SecretKey = "SK" }));
        Assert.Equal("ProfileStoreCorrupt", write.ErrorId);
        Assert.Throws<ProfileStoreException>(() => store.Remove("prod"));
        Assert.Equal(damaged, File.ReadAllText(store.Path));

        File.WriteAllText(store.Path, "{\"version\":1,\"profiles\":{\"p\":{\"region\":\"x\"}}}");
        Assert.Contains("has no access_key", Assert.Throws<ProfileStoreException>(() => store.List()).Message);
    }

    [Fact]
    public void A_missing_file_is_an_empty_store_and_unknown_names_list_the_known_ones()
    {
        var store = Store();
        Assert.Empty(store.List());
        store.Set(new ProfileUpdate("alpha") { AccessKey = "AK_A", SecretKey = "SK_A" });
        store.Set(new ProfileUpdate("beta") { AccessKey = "AK_B", SecretKey = "SK_B" });
        var e = Assert.Throws<HuaweiCloudConfigurationException>(() => store.Require("gamma", "ProfileName", "-ProfileName"));
        Assert.Equal("ProfileNotFound", e.ErrorId);
        Assert.Contains("Known profiles: alpha, beta.", e.Message);
        Assert.Contains("Set-HuaweiCloudProfile -Name gamma", e.Message);
    }

    [Fact]
    public void Default_path_is_under_home_unless_the_variable_says_otherwise()
    {
        var env = new Connection.DictionaryEnvironment(new Dictionary<string, string>());
        Assert.EndsWith(Path.Combine(".huaweicloud", "migrationtools-profiles.json"), ProfileStore.DefaultPath(env));
        var custom = new Connection.DictionaryEnvironment(new Dictionary<string, string> { [ProfileStore.PathVariable] = _dir.File("p.json") });
        Assert.Equal(_dir.File("p.json"), ProfileStore.DefaultPath(custom));
    }

    [Fact]
    public void A_hand_edited_endpoint_with_a_password_is_shown_without_it()
    {
        // Set-HuaweiCloudProfile refuses user info, but a store edited by hand may hold it: Get-HuaweiCloudProfile
        // shows this object, which must not print the password.
        var profile = new HuaweiCloudProfile("p", "AKAKAKAKAKAKAKAK", "SKSKSKSKSKSKSKSK", iamEndpoint: "https://u:Pa55w0rd@iam.example.test",
            serviceEndpoints: new Dictionary<string, string> { ["dcs"] = "http://u:Pa55w0rd@127.0.0.1:5080", ["dms"] = "http://user%3APa55w0rd@127.0.0.1:5081" });
        var info = new HuaweiCloudProfileInfo(profile, isSessionDefault: false, storePath: "/tmp/x.json");
        Assert.DoesNotContain("Pa55w0rd", info.IamEndpoint);
        Assert.DoesNotContain("Pa55w0rd", info.ServiceEndpoints);
        Assert.Contains("dcs=http://***@127.0.0.1:5080", info.ServiceEndpoints);
    }
}
