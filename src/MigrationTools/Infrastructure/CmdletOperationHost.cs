using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MigrationTools.Core.Http;

namespace MigrationTools.Infrastructure;

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
        try
        {
            while (!task.Wait(PumpInterval)) Flush();
        }
        catch (AggregateException)
        {
            // The task's own exception is rethrown below, unwrapped.
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
