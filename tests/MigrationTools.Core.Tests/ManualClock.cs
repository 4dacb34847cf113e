namespace MigrationTools.Core.Tests;

/// <summary>A clock that moves only when the test moves it.</summary>
internal sealed class ManualClock
{
    private long _ticks;
    public TimeSpan Now() => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
