using Xunit;

namespace MigrationTools.Module.Tests;

public sealed class SmokeTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public SmokeTests(EmulatorFixture fx) => _fx = fx;

    [Fact]
    public void Lists_dcs_tasks()
    {
        using var s = new ModuleSession(_fx.Emulator);
        var r = s.Run("Get-DcsMigrationTask -First 5");
        r.ThrowIfFailed();
        Assert.Equal(5, r.Output.Count);
    }
}
