using System.Net.Http.Json;
using System.Runtime.CompilerServices;

namespace MigrationTools.Module.Tests;

internal static class TestSetup
{
    /// <summary>
    /// Retries back off from 10 ms instead of the production 500 ms, for the whole test process, before any runspace
    /// exists: the suite exercises hundreds of retries. Retry-After headers are still honoured as sent.
    /// </summary>
    [ModuleInitializer]
    internal static void FastRetries() => Environment.SetEnvironmentVariable("MIGRATIONTOOLS_RETRY_BASE_DELAY_MS", "10");

    /// <summary>
    /// The suite never sees the developer's own credentials or profiles, and never calls the real metadata address
    /// (169.254.169.254): tests that need any of these set them explicitly (EnvScope).
    /// </summary>
    [ModuleInitializer]
    internal static void IsolateFromTheMachine()
    {
        foreach (var name in new[]
        {
            "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HUAWEICLOUD_SDK_PROJECT_ID",
            "HUAWEICLOUD_SDK_REGION", "HUAWEICLOUD_SDK_IAM_ENDPOINT", "MIGRATIONTOOLS_PROFILE", "MIGRATIONTOOLS_MAX_RETRIES",
        })
        {
            Environment.SetEnvironmentVariable(name, null);
        }
        var scratch = Path.Combine(Path.GetTempPath(), "mt-tests-" + Environment.ProcessId);
        Environment.SetEnvironmentVariable("MIGRATIONTOOLS_PROFILES_FILE", Path.Combine(scratch, "profiles.json"));
        Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_CREDENTIALS_FILE", Path.Combine(scratch, "no-credentials"));
        Environment.SetEnvironmentVariable("MIGRATIONTOOLS_METADATA_ENDPOINT", "off");
    }
}

/// <summary>Tests that change the process environment: they run alone, after the parallel ones.</summary>
[Xunit.CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}

public static class Secrets
{
    /// <summary>Fails when any secret appears in anything the run produced, on any stream, or in an exception's ToString().</summary>
    public static void AssertAbsent(RunResult r, params string?[] secrets)
    {
        var text = r.AllText();
        foreach (var e in r.Errors) text += "\n" + e.Exception?.ToString() + "\n" + e.ErrorDetails?.Message;
        if (r.Terminating is not null) text += "\n" + r.Terminating.ToString() + "\n" + r.Terminating.ErrorRecord.Exception?.ToString();
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret)) continue;
            Xunit.Assert.False(text.Contains(secret, StringComparison.Ordinal), "A secret appeared in the output: " + secret[..4] + "…");
        }
    }
}

/// <summary>The emulator's ECS metadata service, asked as an ECS server asks it.</summary>
public static class EmulatorMetadata
{
    /// <summary>Temporary keys of the instance's agency: (access, secret, security token).</summary>
    public static async Task<(string Access, string Secret, string SecurityToken)> TemporaryKeysAsync(Uri emulator)
    {
        using var http = new HttpClient { BaseAddress = emulator };
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, "/meta-data/latest/api/token");
        tokenRequest.Headers.Add("X-Metadata-Token-Ttl-Seconds", "300");
        var metadataToken = await (await http.SendAsync(tokenRequest)).Content.ReadAsStringAsync();
        using var keyRequest = new HttpRequestMessage(HttpMethod.Get, "/openstack/latest/securitykey");
        keyRequest.Headers.Add("X-Metadata-Token", metadataToken);
        var credential = (await (await http.SendAsync(keyRequest)).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["credential"]!;
        return ((string)credential["access"]!, (string)credential["secret"]!, (string)credential["securitytoken"]!);
    }
}
