namespace MigrationTools.Core.Paging;

/// <summary>
/// The pages of a listing after the first, once the total is known: each slot of the plan is one request, started
/// in order with at most the control's number in flight and at most 2 × -ThrottleLimit slots ahead of the consumer,
/// which takes them in order. Slow start: one request while the consumer takes its first slot, twice as many with
/// each slot it takes, so a consumer that stops early (Select-Object -First) wastes at most about what it used.
/// </summary>
internal sealed class PageScheduler<T>
{
    private readonly object _gate = new();
    private readonly ListingPlan.Slots _slots;
    private readonly ConcurrencyControl _control;
    private readonly Func<PageRequest, Task<Page<T>>> _start;
    private readonly CancellationToken _token;
    private readonly int _window;
    private readonly Dictionary<long, TaskCompletionSource<Page<T>>> _started = new();
    private long _nextToStart;
    private long _consumerAt; // one past the slot the consumer is taking
    private int _inFlight;
    private bool _stopped;
    private bool _failed; // a page failed: the listing ends with its error when the consumer reaches it

    /// <param name="start">Starts one request (counted by the listing); its 429s go to the request's OnThrottled.</param>
    public PageScheduler(ListingPlan.Slots slots, ConcurrencyControl control, Func<PageRequest, Task<Page<T>>> start, CancellationToken token)
    {
        _slots = slots;
        _control = control;
        _start = start;
        _token = token;
        _window = 2 * control.Max;
    }

    public long Count => _slots.Count;

    /// <summary>The offset and limit of slot <paramref name="j"/>.</summary>
    public (long Offset, int Limit) At(long j) => _slots.At(j);

    /// <summary>The page of slot <paramref name="j"/> (taken in order, once); lets the window move on.</summary>
    public Task<Page<T>> Take(long j)
    {
        TaskCompletionSource<Page<T>>? source;
        lock (_gate) _consumerAt = j + 1;
        Pump();
        lock (_gate)
        {
            if (!_started.TryGetValue(j, out source)) throw new InvalidOperationException($"Page slot {j} was not started.");
            _started.Remove(j);
        }
        return source.Task;
    }

    /// <summary>Nothing more starts; pages started and not taken are cancelled (their failures never to be written).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var s in _started.Values)
            {
                if (s.Task.IsFaulted) _ = s.Task.Exception;
                s.TrySetCanceled();
            }
            _started.Clear();
        }
    }

    private void Pump()
    {
        List<(long Slot, TaskCompletionSource<Page<T>> Source)>? toStart = null;
        lock (_gate)
        {
            var taking = Math.Max(0, _consumerAt - 1);
            var horizon = taking + Math.Min(_window, 1L << (int)Math.Min(taking, 20));
            while (!_stopped && !_failed && _nextToStart < Count && _inFlight < _control.Current && _nextToStart < horizon)
            {
                var source = new TaskCompletionSource<Page<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
                _started[_nextToStart] = source;
                _inFlight++;
                (toStart ??= new()).Add((_nextToStart, source));
                _nextToStart++;
            }
        }
        if (toStart is null) return;
        // Completion is bookkeeping (and the start of the next requests): it runs where the request ended, and at
        // once for a page that was there already, so a source that answers synchronously is paged synchronously.
        foreach (var (slot, source) in toStart)
        {
            var (offset, limit) = At(slot);
            var generation = _control.Generation;
            _start(new PageRequest(offset, limit, _control.Throttled, _token)).ContinueWith(static (done, state) =>
            {
                var (self, source, generation) = ((PageScheduler<T>, TaskCompletionSource<Page<T>>, int))state!;
                self.Completed(done, source, generation);
            }, (this, source, generation), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Completed(Task<Page<T>> done, TaskCompletionSource<Page<T>> source, int generation)
    {
        bool stopped;
        lock (_gate)
        {
            _inFlight--;
            stopped = _stopped;
            if (done.IsFaulted) _failed = true;
        }
        if (stopped || done.IsCanceled)
        {
            _ = done.Exception;
            source.TrySetCanceled();
            return;
        }
        if (done.IsFaulted) source.TrySetException(done.Exception!.InnerExceptions);
        else
        {
            _control.Succeeded(generation);
            source.TrySetResult(done.Result);
        }
        Pump();
    }
}
