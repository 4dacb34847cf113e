using System.Reflection;
using System.Runtime.Loader;
using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>
/// The module next to other versions of its dependencies in the same process: it must load and work, and its own
/// Polly.Core and System.Text.Json must come from out/MigrationTools/Dependencies in a private load context.
/// </summary>
public sealed class ConflictingDependencyTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorHost _emu;
    public ConflictingDependencyTests(EmulatorFixture fx) => _emu = fx.Emulator;

    private static readonly string Dependencies = Path.GetFullPath(Path.Combine(ModulePaths.RepoRoot, "out", "MigrationTools", "Dependencies"));

    [Fact]
    public void Module_uses_its_own_Polly_and_System_Text_Json_beside_older_ones_in_the_default_context()
    {
        // As another module would have: an older Polly.Core and the runtime's System.Text.Json, loaded and used first.
        var hostPolly = typeof(Polly.ResiliencePipeline).Assembly;
        var hostJson = typeof(System.Text.Json.JsonSerializer).Assembly;
        var ran = Polly.ResiliencePipeline.Empty.Execute(() => System.Text.Json.JsonSerializer.Serialize(new { ok = 1 }));
        Assert.Equal("{\"ok\":1}", ran);
        // Polly keeps its assembly version at 8.0.0.0 across 8.x: only the file tells 8.5.2 from the module's 8.6.x,
        // so without a private context the default one would hand the module this older copy.
        Assert.StartsWith("8.5.2", ProductVersion(hostPolly));
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(hostPolly));

        using var s = new ModuleSession(_emu);
        // A listing with retries, so Polly's retry and System.Text.Json's reader both run inside the module.
        _emu.Faults.ThrottleRate = 0.2;
        var r = s.Run("Get-DcsMigrationTask -PageSize 100 -Verbose");
        _emu.Faults.Reset();
        r.ThrowIfFailed();
        Assert.True(r.Output.Count > 1000);
        Assert.Contains(r.Verbose, v => v.Contains("; retry ", StringComparison.Ordinal));

        // The assembly that defines the output objects' type lives in the module's own load context...
        var core = r.Output[0].BaseObject.GetType().Assembly;
        Assert.Equal("MigrationTools.Core", core.GetName().Name);
        var context = AssemblyLoadContext.GetLoadContext(core)!;
        Assert.NotSame(AssemblyLoadContext.Default, context);
        Assert.Equal(Path.Combine(Dependencies, "MigrationTools.Core.dll"), core.Location);

        // ...with its Polly.Core and System.Text.Json, loaded from Dependencies, other than the host's.
        Assembly Loaded(string name) => Assert.Single(context.Assemblies, a => a.GetName().Name == name);
        foreach (var name in new[] { "Polly.Core", "System.Text.Json" })
        {
            var own = Loaded(name);
            Assert.Equal(Path.Combine(Dependencies, name + ".dll"), own.Location);
            Assert.Contains(core.GetReferencedAssemblies(), a => a.Name == name);
        }
        Assert.NotSame(hostPolly, Loaded("Polly.Core"));
        Assert.NotSame(hostJson, Loaded("System.Text.Json"));
        Assert.StartsWith("8.6.", ProductVersion(Loaded("Polly.Core")));

        // The framework's facades are not duplicated: System.Memory comes from the runtime.
        Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name is "System.Memory" or "System.Buffers" or "System.Runtime.CompilerServices.Unsafe");

        // The default context still has the host's versions, untouched, and no second MigrationTools.Core.
        Assert.Contains(AssemblyLoadContext.Default.Assemblies, a => a == hostPolly);
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "MigrationTools.Core");
        Assert.Equal("{\"ok\":2}", Polly.ResiliencePipeline.Empty.Execute(() => System.Text.Json.JsonSerializer.Serialize(new { ok = 2 })));
    }

    private static string ProductVersion(Assembly a) =>
        a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";

    [Fact]
    public void A_second_runspace_importing_the_module_shares_the_same_private_context()
    {
        using var a = new ModuleSession(_emu);
        using var b = new ModuleSession(_emu);
        var x = a.Run("Get-DcsMigrationTask -First 1").ThrowIfFailed().Output[0].BaseObject.GetType();
        var y = b.Run("Get-DcsMigrationTask -First 1").ThrowIfFailed().Output[0].BaseObject.GetType();
        Assert.Same(x, y);
        // Remove-Module in one runspace leaves the other working.
        a.Run("Remove-Module MigrationTools").ThrowIfFailed();
        Assert.Single(b.Run("Get-DcsMigrationTask -First 1").ThrowIfFailed().Output);
    }
}
