using MigrationTools.Emulator;
using Xunit;

namespace MigrationTools.Module.Tests;

/// <summary>
/// The base of the tests that run the module against the emulator: one emulator per test class (the fixture),
/// its faults reset and its request log cleared before each test, and a module session pointed at it, opened on
/// first use and closed after the test.
/// </summary>
public abstract class ModuleTestBase : IClassFixture<EmulatorFixture>, IDisposable
{
    private ModuleSession? _session;

    protected ModuleTestBase(EmulatorFixture fixture)
    {
        Emu = fixture.Emulator;
        Emu.Faults.Reset();
        Emu.Requests.Clear();
    }

    /// <summary>The emulator of this test class.</summary>
    protected EmulatorHost Emu { get; }

    /// <summary>A session with the module imported and every Get-* cmdlet pointed at the emulator.</summary>
    protected ModuleSession Ps => _session ??= new ModuleSession(Emu);

    public virtual void Dispose()
    {
        _session?.Dispose();
        Emu.Faults.Reset();
        GC.SuppressFinalize(this);
    }
}
