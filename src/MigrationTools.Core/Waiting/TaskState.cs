namespace MigrationTools.Core.Waiting;

/// <summary>What a list or a detail says of one task: its name and status, and whether that status means it runs.</summary>
public sealed class TaskState
{
    /// <param name="hasPercent">A running task whose percentage can be read (DCS online migrations: their stats).</param>
    /// <param name="endsWithFullPhase">A task that ends its wait when its percentage reaches 100 although still running
    /// (a DCS incremental migration keeps syncing).</param>
    public TaskState(string id, string? name, string status, bool running, bool hasPercent = false, bool endsWithFullPhase = false)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Name = name;
        Status = status ?? throw new ArgumentNullException(nameof(status));
        Running = running;
        HasPercent = hasPercent;
        EndsWithFullPhase = endsWithFullPhase;
    }

    public string Id { get; }
    public string? Name { get; }
    public string Status { get; }
    public bool Running { get; }
    public bool HasPercent { get; }
    public bool EndsWithFullPhase { get; }

    /// <summary>Whether the wait for this task is over, given the percentage read this round (if any).</summary>
    public bool EndedAt(double? percent) => !Running || (EndsWithFullPhase && percent >= 100);
}
