namespace MigrationTools.Core.Paging;

/// <summary>
/// Several listings (the targets of a command: profiles, regions, projects) read concurrently and written as one
/// listing in the order of the parts, each part's records in its own order, as a loop over the parts would write
/// them. Each part is one ordinary listing (a <see cref="Pager"/> through a <c>ListApi</c>), run on a thread of its
/// own that pauses when <see cref="FanOutSettings.RecordsAhead"/> records wait for the consumer, so memory stays
/// bounded; at most <see cref="FanOutSettings.PartsAtOnce"/> parts run at once. A part that fails is one
/// <see cref="FanOutItem{TPart,T}.Error"/> at its place and the others go on. -First, -Skip and -IncludeTotalCount
/// apply to the whole output: with -Skip or -IncludeTotalCount each part is first asked for its total (one small
/// request each, concurrently), so that each part asks for its own range; -First bounds each part's request, and
/// once the consumer has -First records every part still running is cancelled.
/// </summary>
public static class FanOutListing
{
    /// <param name="parts">The parts, in output order.</param>
    /// <param name="options">-First, -Skip, -IncludeTotalCount (the sum of the parts' totals), -PageSize and the settings of each part.</param>
    /// <param name="settings">Concurrency, buffering, cancellation and the consumer's wait.</param>
    /// <param name="list">Lists one part with the paging and the cancellation given; called on the part's own thread.</param>
    public static IEnumerable<FanOutItem<TPart, T>> Enumerate<TPart, T>(IReadOnlyList<TPart> parts, PageOptions options, FanOutSettings settings,
        Func<TPart, PageOptions, CancellationToken, IEnumerable<T>> list)
    {
        if (parts is null) throw new ArgumentNullException(nameof(parts));
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (settings is null) throw new ArgumentNullException(nameof(settings));
        if (list is null) throw new ArgumentNullException(nameof(list));
        if (options.Skip < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Skip, "Skip cannot be negative.");
        return new Run<TPart, T>(parts, options, settings, list).Items();
    }

    private sealed class Run<TPart, T>
    {
        private readonly IReadOnlyList<TPart> _parts;
        private readonly PageOptions _options;
        private readonly FanOutSettings _settings;
        private readonly Func<TPart, PageOptions, CancellationToken, IEnumerable<T>> _list;
        private readonly long?[] _totals;
        private readonly Exception?[] _failed;
        private readonly List<string>?[] _warnings;
        private readonly Worker?[] _workers;

        public Run(IReadOnlyList<TPart> parts, PageOptions options, FanOutSettings settings, Func<TPart, PageOptions, CancellationToken, IEnumerable<T>> list)
        {
            _parts = parts;
            _options = options;
            _settings = settings;
            _list = list;
            _totals = new long?[parts.Count];
            _failed = new Exception?[parts.Count];
            _warnings = new List<string>?[parts.Count];
            _workers = new Worker?[parts.Count];
        }

        private int Window => Math.Max(1, _settings.PartsAtOnce);

        public IEnumerable<FanOutItem<TPart, T>> Items()
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(_settings.Cancellation);
            try
            {
                if (_options.Skip > 0 || _options.OnTotal is not null) CountAll(stop.Token);
                if (_options.OnTotal is not null)
                {
                    long sum = 0;
                    var known = true;
                    for (var i = 0; i < _parts.Count; i++)
                    {
                        if (_failed[i] is not null) continue;
                        if (_totals[i] is { } t) sum += t; else known = false;
                    }
                    _options.OnTotal(known ? sum : null);
                }

                var plans = Plan();
                long skip = _options.Skip;   // what is left of -Skip at the current part, as the consumer sees it
                long written = 0;
                for (var i = 0; i < _parts.Count; i++)
                {
                    if (_options.First is { } first && written >= first) yield break;
                    foreach (var warning in _warnings[i] ?? new List<string>()) yield return FanOutItem<TPart, T>.OfWarning(_parts[i], warning);
                    if (_failed[i] is { } early)
                    {
                        yield return FanOutItem<TPart, T>.OfError(_parts[i], early);
                        continue;
                    }
                    var plan = plans[i] ?? (skip, _options.First - written);
                    if (plan.First <= 0)
                    {
                        if (_totals[i] is { } skipped) skip = Math.Max(0, skip - skipped);
                        continue;
                    }
                    for (var j = i; j < Math.Min(_parts.Count, i + Window); j++)
                    {
                        if (_workers[j] is null && _failed[j] is null && plans[j] is { } ahead && !(ahead.First <= 0))
                            _workers[j] = Worker.Start(this, j, ahead.Skip, ahead.First, stop.Token);
                    }
                    var worker = _workers[i] ??= Worker.Start(this, i, plan.Skip, plan.First, stop.Token);
                    long yielded = 0;
                    while (true)
                    {
                        if (!worker.Buffer.TryTake(out var entry))
                        {
                            if (worker.Buffer.Done) break;
                            _settings.Wait(worker.Buffer.WaitAsync(stop.Token));
                            continue;
                        }
                        if (entry.IsRecord)
                        {
                            if (_options.First is { } most && written >= most) yield break;
                            yielded++;
                            written++;
                        }
                        yield return entry;
                    }
                    _workers[i] = null;
                    if (yielded > 0 || skip == 0) skip = 0;
                    else if ((worker.Total ?? _totals[i]) is { } whole) skip = Math.Max(0, skip - whole);
                    else if (worker.Error is null) skip = Math.Max(0, skip - Count(i, stop.Token));
                }
            }
            finally
            {
                stop.Cancel();
                foreach (var worker in _workers) worker?.Join();
            }
        }

        /// <summary>
        /// Each part's range, when it can be known before the parts before it are read: their totals are known, or
        /// nothing is left to skip. A part after one of unknown total while -Skip is left waits for the consumer.
        /// </summary>
        private (long Skip, long? First)?[] Plan()
        {
            var plans = new (long Skip, long? First)?[_parts.Count];
            long skip = _options.Skip;
            long? first = _options.First;
            for (var i = 0; i < _parts.Count; i++)
            {
                if (_failed[i] is not null) continue;
                plans[i] = (skip, first);
                if (_totals[i] is { } total)
                {
                    if (skip >= total) plans[i] = (skip, 0); // wholly inside -Skip: its total was all it cost
                    var records = Math.Max(0, total - skip);
                    skip = Math.Max(0, skip - total);
                    if (first.HasValue) first -= Math.Min(records, first.Value);
                }
                else if (skip > 0)
                {
                    break;
                }
            }
            return plans;
        }

        /// <summary>Every part's total, concurrently (one small request each); a part that fails here is reported at its place.</summary>
        private void CountAll(CancellationToken token)
        {
            using var slots = new SemaphoreSlim(Window);
            var tasks = new Task[_parts.Count];
            for (var i = 0; i < _parts.Count; i++)
            {
                var index = i;
                tasks[i] = Task.Factory.StartNew(() =>
                {
                    slots.Wait(token);
                    try
                    {
                        var probe = Part(0, 0, total => _totals[index] = total, warning => (_warnings[index] ??= new List<string>()).Add(warning));
                        foreach (var _ in _list(_parts[index], probe, token)) { }
                    }
                    catch (Exception ex) when (!token.IsCancellationRequested)
                    {
                        _failed[index] = ex;
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            _settings.Wait(Task.WhenAll(tasks).ContinueWith(t => t.Status == TaskStatus.RanToCompletion, TaskScheduler.Default));
            token.ThrowIfCancellationRequested();
        }

        /// <summary>The records of a part without a total, counted to know how much of -Skip it used.</summary>
        private long Count(int index, CancellationToken token)
        {
            var counting = Task.Factory.StartNew(() =>
            {
                long n = 0;
                foreach (var _ in _list(_parts[index], Part(0, null, null, null), token)) n++;
                return n;
            }, token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var done = counting.ContinueWith(t => t.Status == TaskStatus.RanToCompletion, TaskScheduler.Default);
            _settings.Wait(done);
            return counting.Status == TaskStatus.RanToCompletion ? counting.Result : 0;
        }

        private PageOptions Part(long skip, long? first, Action<long?>? onTotal, Action<string>? onWarning)
        {
            var part = _options.Settings();
            part.PageSize = _options.PageSize;
            part.Skip = skip;
            part.First = first;
            part.OnTotal = onTotal;
            part.OnWarning = onWarning;
            return part;
        }

        /// <summary>One part, listed on a thread of its own into a bounded buffer.</summary>
        private sealed class Worker
        {
            private Thread? _thread;

            private Worker(int capacity) => Buffer = new PartBuffer(capacity);

            public PartBuffer Buffer { get; }
            public long? Total { get; private set; }
            public Exception? Error { get; private set; }

            public static Worker Start(Run<TPart, T> run, int index, long skip, long? first, CancellationToken token)
            {
                var worker = new Worker(Math.Max(1, run._settings.RecordsAhead));
                var part = run._parts[index];
                worker._thread = new Thread(() => worker.Pump(run, part, skip, first, token)) { IsBackground = true, Name = "MigrationTools fan-out" };
                worker._thread.Start();
                return worker;
            }

            private void Pump(Run<TPart, T> run, TPart part, long skip, long? first, CancellationToken token)
            {
                try
                {
                    var options = run.Part(skip, first, total => Total = total, warning => Buffer.Add(FanOutItem<TPart, T>.OfWarning(part, warning), counts: false, token));
                    foreach (var record in run._list(part, options, token)) Buffer.Add(FanOutItem<TPart, T>.OfRecord(part, record), counts: true, token);
                    Buffer.Complete(null);
                }
                catch (Exception ex) when (token.IsCancellationRequested)
                {
                    GC.KeepAlive(ex);
                    Buffer.Complete(null);
                }
                catch (Exception ex)
                {
                    Error = ex;
                    Buffer.Complete(FanOutItem<TPart, T>.OfError(part, ex));
                }
            }

            /// <summary>Waits for the thread; it ends quickly once cancelled (its requests are cancelled too).</summary>
            public void Join() => _thread?.Join(TimeSpan.FromSeconds(1));
        }

        /// <summary>Entries of one part waiting for the consumer; adding blocks while <c>capacity</c> records wait.</summary>
        private sealed class PartBuffer
        {
            private readonly Queue<FanOutItem<TPart, T>> _queue = new();
            private readonly int _capacity;
            private int _records;
            private TaskCompletionSource<bool>? _waiter;
            private bool _completed;

            public PartBuffer(int capacity) => _capacity = capacity;

            public bool Done
            {
                get { lock (_queue) return _completed && _queue.Count == 0; }
            }

            public void Add(FanOutItem<TPart, T> item, bool counts, CancellationToken token)
            {
                TaskCompletionSource<bool>? waiter;
                lock (_queue)
                {
                    if (counts && _records >= _capacity)
                    {
                        using var wake = token.Register(() => { lock (_queue) Monitor.PulseAll(_queue); });
                        while (_records >= _capacity)
                        {
                            token.ThrowIfCancellationRequested();
                            Monitor.Wait(_queue);
                        }
                    }
                    if (counts) _records++;
                    _queue.Enqueue(item);
                    waiter = _waiter;
                    _waiter = null;
                }
                waiter?.TrySetResult(true);
            }

            public void Complete(FanOutItem<TPart, T>? last)
            {
                TaskCompletionSource<bool>? waiter;
                lock (_queue)
                {
                    if (last.HasValue) _queue.Enqueue(last.Value);
                    _completed = true;
                    waiter = _waiter;
                    _waiter = null;
                }
                waiter?.TrySetResult(true);
            }

            public bool TryTake(out FanOutItem<TPart, T> item)
            {
                lock (_queue)
                {
                    if (_queue.Count == 0)
                    {
                        item = default;
                        return false;
                    }
                    item = _queue.Dequeue();
                    if (item.IsRecord && _records-- == _capacity) Monitor.PulseAll(_queue);
                }
                return true;
            }

            /// <summary>Done when an entry is there or the part has ended; cancelled by Ctrl+C.</summary>
            public Task<bool> WaitAsync(CancellationToken token)
            {
                TaskCompletionSource<bool> waiter;
                lock (_queue)
                {
                    if (_queue.Count > 0 || _completed) return Task.FromResult(true);
                    waiter = _waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                if (token.CanBeCanceled)
                {
                    var registration = token.Register(() => waiter.TrySetCanceled());
                    waiter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
                return waiter.Task;
            }
        }
    }
}
