using System.Diagnostics;

namespace MigrationTools.Emulator.Tests;

/// <summary>
/// Huawei Cloud's official Node SDK as a client of the emulator: <c>npm ci</c> in tests/sdk-client (package-lock.json
/// pins @huaweicloud/huaweicloud-sdk-rocketmq, the core and uuid), then one <c>node client.js</c> that calls every
/// API route with the SDK's signer and checks each answer against the SDK's models (see client.js). Node and npm are
/// required: without them this test fails, naming what is missing; it never skips.
/// </summary>
public sealed class SdkClientTests
{
    private static readonly string Folder = Path.Combine(RepoRoot(), "tests", "sdk-client");

    [Fact]
    public async Task The_official_Node_SDK_calls_every_route_with_its_signature_and_parses_every_answer()
    {
        var ci = Run("npm", "ci --no-audit --no-fund --prefer-offline", TimeSpan.FromMinutes(10));
        Assert.True(ci.ExitCode == 0, $"npm ci in {Folder} failed ({ci.ExitCode}):\n{ci.Output}");

        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 });
        var client = Run("node", $"client.js {emulator.BaseUri.ToString().TrimEnd('/')}", TimeSpan.FromMinutes(5));
        Assert.True(client.ExitCode == 0, $"node client.js failed ({client.ExitCode}):\n{client.Output}");
        Assert.Matches(@"sdk-client: @huaweicloud/huaweicloud-sdk-rocketmq [0-9.]+, core 3\.1\.211: [0-9]+ SDK calls, [0-9]+ checks, 0 failed", client.Output);

        // The SDK reached every API route, signed (the gateway logs only what it let through as API requests).
        var paths = emulator.Requests.Snapshot().Where(r => r.Status == 200).Select(r => r.Path).ToList();
        Assert.Contains(paths, p => p.EndsWith("/instances", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.EndsWith("/metadata", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.EndsWith("/migration-tasks", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.Contains("/migration-task/", StringComparison.Ordinal) && !p.EndsWith("/stats", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.EndsWith("/stats", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.EndsWith("/backup-migration-jobs", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.Contains("/backup-migration-jobs/", StringComparison.Ordinal));
        Assert.Contains(paths, p => p == "/v3/projects");
    }

    private static (int ExitCode, string Output) Run(string program, string arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"'{program}' is needed to run Huawei Cloud's Node SDK against the emulator and could not be started " +
                $"({e.Message}). Install Node.js 20 with npm; this test does not skip.");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException($"{program} {arguments} did not end within {timeout}.");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MigrationTools.sln"))) return dir.FullName;
        throw new InvalidOperationException("MigrationTools.sln not found above " + AppContext.BaseDirectory);
    }
}
