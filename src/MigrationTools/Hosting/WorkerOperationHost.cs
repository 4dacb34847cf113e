using MigrationTools.Core.Http;

namespace MigrationTools.Hosting;

/// <summary>
/// The host of one target of a fan-out, used on the target's own thread: it waits plainly (only the pipeline thread
/// may write to PowerShell's streams) and hands its log lines to the cmdlet's host, which writes them on the
/// pipeline thread; its token ends with the fan-out (Ctrl+C, -First reached, an error of the command).
/// </summary>
internal sealed class WorkerOperationHost : IOperationHost
{
    private readonly IOperationHost _cmdlet;

    public WorkerOperationHost(IOperationHost cmdlet, CancellationToken cancellation)
    {
        _cmdlet = cmdlet;
        Cancellation = cancellation;
    }

    public CancellationToken Cancellation { get; }

    public void Log(LogLevel level, string message) => _cmdlet.Log(level, message);

    public T Wait<T>(Task<T> task)
    {
        if (!task.IsCompleted)
        {
            try
            {
                task.Wait(Cancellation);
            }
            catch (System.AggregateException)
            {
                // The task's own failure is rethrown unwrapped below.
            }
        }
        return task.GetAwaiter().GetResult();
    }
}
