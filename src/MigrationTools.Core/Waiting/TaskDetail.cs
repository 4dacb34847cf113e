namespace MigrationTools.Core.Waiting;

/// <summary>The detail of one task: the object a wait writes, and the state it says.</summary>
public sealed class TaskDetail
{
    public TaskDetail(object result, TaskState state)
    {
        Result = result ?? throw new ArgumentNullException(nameof(result));
        State = state ?? throw new ArgumentNullException(nameof(state));
    }

    public object Result { get; }
    public TaskState State { get; }
}
