namespace MigrationTools.Core.Http;

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
