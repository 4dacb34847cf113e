namespace MigrationTools.Core.Waiting;

/// <summary>What one round saw of an item: its state, its percentage, and when it ended, its final object.</summary>
public sealed class WaitObservation
{
    public WaitObservation(TaskState state, double? percent, object? result)
    {
        State = state ?? throw new ArgumentNullException(nameof(state));
        Percent = percent.HasValue ? Math.Max(0, Math.Min(100, percent.Value)) : null;
        Result = result;
    }

    public TaskState State { get; }
    public string? Name => State.Name;
    public string Status => State.Status;
    /// <summary>0-100 when the service tells it (DCS stats), else null.</summary>
    public double? Percent { get; }
    /// <summary>The final object (the detail) once the task ended; null while it runs.</summary>
    public object? Result { get; }
    public bool Ended => Result is not null;
}
