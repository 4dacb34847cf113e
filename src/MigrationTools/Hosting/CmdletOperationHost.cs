using System.Collections.Concurrent;
using System.Management.Automation;
using MigrationTools.Core.Http;

namespace MigrationTools.Hosting;

/// <summary>
/// Runs the core's asynchronous work for a cmdlet. PowerShell only accepts Write* calls on the pipeline thread,
/// while retries log from wherever their continuation runs: log lines are queued and written here, on the
/// pipeline thread, while it waits, through <see cref="PipelineStreams"/>: -Debug makes the cmdlet's debug (5.1) or
/// verbose (7.4+) preference Inquire, and the public writers would turn each line into a prompt that a
/// non-interactive host cannot answer. StopProcessing (Ctrl+C) cancels the token, which ends the HTTP call or the
/// backoff wait at once.
/// </summary>
internal sealed class CmdletOperationHost : IOperationHost, IDisposable
{
    private static readonly TimeSpan PumpInterval = TimeSpan.FromMilliseconds(20);
    private readonly Cmdlet _cmdlet;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _lines = new();
    private readonly int _pipelineThread = Environment.CurrentManagedThreadId;

    public CmdletOperationHost(Cmdlet cmdlet) => _cmdlet = cmdlet;

    public CancellationToken Cancellation => _stop.Token;

    public void Stop()
    {
        try { _stop.Cancel(); } catch (ObjectDisposedException) { }
    }

    public void Log(LogLevel level, string message)
    {
        _lines.Enqueue((level, message));
        if (Environment.CurrentManagedThreadId == _pipelineThread) Flush();
    }

    public T Wait<T>(Task<T> task)
    {
        if (!task.IsCompleted)
        {
            // Blocks at once: Task.Wait spins before it blocks, and on two cores that spinning takes the CPU from the
            // very requests and pages it waits for (0.4 s of CPU in a profile of two 20,000-task listings in pwsh).
            // One event per wait: the core may wait from more than one thread. Set() is done with the event before
            // Wait() returns (it pulses under the event's lock), so disposing it here is safe.
            using var completed = new ManualResetEventSlim(false, spinCount: 0);
            task.ContinueWith(static (_, done) => ((ManualResetEventSlim)done!).Set(), completed,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (!completed.Wait(PumpInterval)) Flush();
        }
        Flush();
        if (task.IsCanceled || (task.IsFaulted && task.Exception!.InnerException is OperationCanceledException && _stop.IsCancellationRequested))
            throw new PipelineStoppedException();
        return task.GetAwaiter().GetResult();
    }

    private void Flush()
    {
        while (_lines.TryDequeue(out var line))
        {
            switch (line.Level)
            {
                case LogLevel.Debug: _cmdlet.WriteDebugLine(line.Message); break;
                case LogLevel.Verbose: _cmdlet.WriteVerboseLine(line.Message); break;
                case LogLevel.Warning: _cmdlet.WriteWarning(line.Message); break;
            }
        }
    }

    public void Dispose() => _stop.Dispose();
}
