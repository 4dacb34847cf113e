namespace MigrationTools.Core.Waiting;

public sealed class SystemWaitClock : IWaitClock
{
    public static readonly SystemWaitClock Instance = new();
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
    public Task Delay(TimeSpan delay, CancellationToken cancellation) => Task.Delay(delay, cancellation);
}
