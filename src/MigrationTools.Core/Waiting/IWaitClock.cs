namespace MigrationTools.Core.Waiting;

/// <summary>The time source of a wait: real time in use, a fake clock in tests.</summary>
public interface IWaitClock
{
    DateTimeOffset UtcNow { get; }
    Task Delay(TimeSpan delay, CancellationToken cancellation);
}
