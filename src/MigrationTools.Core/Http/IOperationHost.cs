using System;
using System.Threading;
using System.Threading.Tasks;

namespace MigrationTools.Core.Http;

public enum LogLevel
{
    Debug,
    Verbose,
    Warning,
}

/// <summary>
/// What runs the client: a cmdlet, a test, a console. It receives log lines (from any thread), blocks on the
/// client's asynchronous work (a cmdlet writes the queued log lines on its own thread meanwhile), and cancels.
/// </summary>
public interface IOperationHost
{
    CancellationToken Cancellation { get; }

    /// <summary>May be called from any thread. Lines never contain secrets.</summary>
    void Log(LogLevel level, string message);

    /// <summary>Blocks until <paramref name="task"/> is done and returns its result (or throws its exception).</summary>
    T Wait<T>(Task<T> task);
}

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
