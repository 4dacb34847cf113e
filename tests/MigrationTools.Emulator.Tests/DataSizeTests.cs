namespace MigrationTools.Emulator.Tests;

/// <summary>The data-set size for benchmarks: settable, and the default set stays exactly as it was.</summary>
public class DataSizeTests
{
    [Fact]
    public void A_larger_dcs_set_starts_with_the_default_set_and_leaves_the_default_unchanged()
    {
        var defaults = new EmulatorData(42, "p", "d", "cn-north-4");
        Assert.Equal(EmulatorData.DcsTaskCount, defaults.DcsTasks.Count);
        var large = new EmulatorData(42, "p", "d", "cn-north-4", dcsTaskCount: 5000);
        Assert.Equal(5000, large.DcsTasks.Count);
        Assert.Equal(defaults.DcsTasks.Select(t => t.TaskId), large.DcsTasks.Take(EmulatorData.DcsTaskCount).Select(t => t.TaskId));
        Assert.Equal(5000, large.DcsTasks.Select(t => t.TaskId).Distinct().Count());
        Assert.Equal(defaults.DcsTasks.Select(t => t.TaskId), new EmulatorData(42, "p", "d", "cn-north-4").DcsTasks.Select(t => t.TaskId));
    }

    [Fact]
    public void The_command_line_sets_the_dcs_task_count()
    {
        var o = new EmulatorOptions();
        Assert.Equal(EmulatorData.DcsTaskCount, o.DcsTaskCount);
        Assert.True(EmulatorProgram.Parse(["--dcs-tasks", "20000", "--latency-ms", "50"], o, out _));
        Assert.Equal(20000, o.DcsTaskCount);
        Assert.Equal(50, o.Faults.LatencyMs);
        Assert.Throws<FormatException>(() => EmulatorProgram.Parse(["--dcs-tasks", "-1"], new EmulatorOptions(), out _));
    }

    [Fact]
    public async Task The_host_serves_the_set_size_it_was_given()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DcsTaskCount = 3000 });
        Assert.Equal(3000, host.Data.DcsTasks.Count);
    }
}
