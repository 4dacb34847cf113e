namespace MigrationTools.Emulator.Tests;

/// <summary>The fault flags of the emulator's command line set the same FaultSettings the tests use.</summary>
public class CommandLineFaultTests
{
    [Fact]
    public void Fault_flags_are_parsed_into_the_fault_settings()
    {
        var o = new EmulatorOptions();
        Assert.True(EmulatorProgram.Parse(
            ["--latency-ms", "250", "--throttle-rate", "0.1", "--retry-after", "date", "--retry-after-seconds", "7",
             "--error-rate", "0.05", "--hang-rate", "0.01", "--malformed", "truncated", "--malformed-rate", "0.2"], o, out var help));
        Assert.False(help);
        var f = o.Faults;
        Assert.Equal(250, f.LatencyMs);
        Assert.Equal(0.1, f.ThrottleRate);
        Assert.Equal(RetryAfterMode.HttpDate, f.ThrottleRetryAfter);
        Assert.Equal(7, f.RetryAfterSeconds);
        Assert.Equal(0.05, f.ServerErrorRate);
        Assert.Equal(0.01, f.HangRate);
        Assert.Equal(MalformedKind.Truncated, f.Malformed);
        Assert.Equal(0.2, f.MalformedRate);
    }

    [Theory]
    [InlineData("html", MalformedKind.Html)]
    [InlineData("wrongtype", MalformedKind.WrongType)]
    [InlineData("empty", MalformedKind.Empty200)]
    public void Malformed_without_a_rate_applies_to_every_request(string kind, MalformedKind expected)
    {
        var o = new EmulatorOptions();
        EmulatorProgram.Parse(["--malformed", kind], o, out _);
        Assert.Equal(expected, o.Faults.Malformed);
        Assert.Equal(1, o.Faults.MalformedRate);
    }

    [Theory]
    [InlineData("--throttle-rate", "1.5")]
    [InlineData("--retry-after", "sometimes")]
    [InlineData("--malformed", "garbled")]
    [InlineData("--latency-ms", "-1")]
    public void Bad_fault_values_are_refused(string flag, string value) =>
        Assert.Throws<FormatException>(() => EmulatorProgram.Parse([flag, value], new EmulatorOptions(), out _));
}
