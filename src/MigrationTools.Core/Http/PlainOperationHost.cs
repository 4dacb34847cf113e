namespace MigrationTools.Core.Http;

/// <summary>A host that blocks plainly and keeps no log: for library use and tests.</summary>
public sealed class PlainOperationHost : IOperationHost
{
    private readonly Action<LogLevel, string>? _log;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "Both are optional; callers that log name the argument, and reordering would break them.")]
    public PlainOperationHost(CancellationToken cancellation = default, Action<LogLevel, string>? log = null)
    {
        Cancellation = cancellation;
        _log = log;
    }

    public CancellationToken Cancellation { get; }

    public void Log(LogLevel level, string message) => _log?.Invoke(level, message);

    public T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
