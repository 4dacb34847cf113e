using MigrationTools.Core.Paging;

namespace MigrationTools.Core.Tests;

/// <summary>An asynchronous service over 0..count-1 with random latency, counting what is in flight.</summary>
/// <param name="cap">The most records a page brings, whatever the limit (a service's own page size).</param>
internal sealed class SlowService(int count, PagingRule rule, int maxLatencyMs = 15, bool sendTotal = true, int seed = 1, int cap = int.MaxValue)
{
    private readonly Random _random = new(seed);
    private readonly object _gate = new();
    private int _inFlight;

    public List<(long Offset, int Limit)> Requests { get; } = new();
    public int MaxInFlight { get; private set; }
    public List<int> InFlightAtStart { get; } = new();
    public int Cancelled;
    public int Completed;
    public Func<int, PageRequest, Task>? Before { get; set; }

    public PageSource<int> Source(Action<string>? log = null, CancellationToken cancellation = default) =>
        new(FetchAsync, t => t.GetAwaiter().GetResult(), log, cancellation);

    private async Task<Page<int>> FetchAsync(PageRequest request)
    {
        var (offset, limit, ct) = (request.Offset, request.Limit, request.Cancellation);
        int latency, index;
        lock (_gate)
        {
            Requests.Add((offset, limit));
            index = Requests.Count - 1;
            InFlightAtStart.Add(_inFlight);
            MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
            latency = _random.Next(0, maxLatencyMs + 1);
        }
        try
        {
            if (Before is not null) await Before(index, request);
            await Task.Delay(latency, ct);
            var start = rule.Kind == OffsetKind.RecordOffset ? offset : (offset - 1) * limit;
            Interlocked.Increment(ref Completed);
            return new Page<int>(Enumerable.Range(0, count).Skip((int)start).Take(Math.Min(limit, cap)).ToList(), sendTotal ? count : null);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref Cancelled);
            throw;
        }
        finally
        {
            lock (_gate) _inFlight--;
        }
    }
}
