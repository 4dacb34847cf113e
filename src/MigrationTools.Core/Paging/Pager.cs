using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace MigrationTools.Core.Paging;

/// <summary>One page as the pager needs it: its records, and the service's total when it sends one.</summary>
public readonly struct Page<T>
{
    public Page(IReadOnlyList<T>? items, long? total)
    {
        Items = items ?? Array.Empty<T>();
        Total = total;
    }

    public IReadOnlyList<T> Items { get; }
    public long? Total { get; }
}

/// <summary>How the pager gets pages: requests them (asynchronously, cancellably) and blocks on one.</summary>
public sealed class PageSource<T>
{
    /// <param name="fetchAsync">Requests one page: (offset parameter value, limit, cancellation) → page. Called from any thread.</param>
    /// <param name="wait">Blocks the enumerating thread until the page is there (a cmdlet's host writes queued log lines meanwhile).</param>
    /// <param name="cancellation">Ctrl+C: ends every request of the listing.</param>
    /// <param name="log">-Verbose lines (changes of the number in flight); may be called from any thread.</param>
    public PageSource(Func<long, int, CancellationToken, Task<Page<T>>> fetchAsync, Func<Task<Page<T>>, Page<T>> wait,
        Action<string>? log = null, CancellationToken cancellation = default)
    {
        FetchAsync = fetchAsync ?? throw new ArgumentNullException(nameof(fetchAsync));
        Wait = wait ?? throw new ArgumentNullException(nameof(wait));
        Cancellation = cancellation;
        Log = log;
    }

    public Func<long, int, CancellationToken, Task<Page<T>>> FetchAsync { get; }
    public Func<Task<Page<T>>, Page<T>> Wait { get; }
    public CancellationToken Cancellation { get; }
    public Action<string>? Log { get; }
}

/// <summary>
/// Streams every record of a paged API, in the service's order, each once. Termination is the pager's, not the
/// service's: a record already written is never written again, a page that brings nothing new (or nothing) ends
/// the listing, a known total bounds the requests, and <see cref="MaxRequestsWithoutTotal"/> bounds the rest;
/// every stop the user should know of says why through <see cref="PageOptions.OnWarning"/>.
/// <para>
/// Concurrency: nothing beyond the first page is requested until its records are all taken (so -First and
/// Select-Object -First cost one request when one page holds them). Then, when the first page told the total,
/// the remaining pages are requested with at most -ThrottleLimit in flight (one at first, twice as many with
/// each page the consumer takes) and at most twice -ThrottleLimit pages ahead of the consumer, and written in
/// order as soon as each is next; without a total, the next page is
/// requested while the current one is written. -ThrottleLimit 1 requests one page after another. When the
/// consumer stops (the enumerator is disposed), requests in flight are cancelled and no more start.
/// </para>
/// </summary>
public static class Pager
{
    /// <summary>The most requests a listing makes when the service gives no (believable) total.</summary>
    public const int MaxRequestsWithoutTotal = 10_000;

    /// <summary>A total above this is taken for garbage (no project holds a hundred million migration tasks).</summary>
    public const long MaxPlausibleTotal = 100_000_000;

    /// <summary>Pages over a synchronous fetch: one request after another (there is nothing to overlap).</summary>
    /// <param name="rule">The API's paging rule.</param>
    /// <param name="options">-First, -Skip, -PageSize, and the callbacks.</param>
    /// <param name="fetch">Requests one page: (offset parameter value, limit) → page.</param>
    /// <param name="keyOf">A record's identity, so that no record is written twice (null: not comparable).</param>
    public static IEnumerable<T> Enumerate<T>(PagingRule rule, PageOptions options, Func<long, int, Page<T>> fetch, Func<T, string?>? keyOf = null)
    {
        if (fetch is null) throw new ArgumentNullException(nameof(fetch));
        var source = new PageSource<T>((offset, limit, _) => Task.FromResult(fetch(offset, limit)), task => task.GetAwaiter().GetResult());
        return Enumerate(rule, options, source, keyOf, sequential: true);
    }

    /// <summary>Pages over an asynchronous source, with up to <see cref="PageOptions.ThrottleLimit"/> requests in flight.</summary>
    public static IEnumerable<T> Enumerate<T>(PagingRule rule, PageOptions options, PageSource<T> source, Func<T, string?>? keyOf = null) =>
        Enumerate(rule, options, source, keyOf, sequential: false);

    private static IEnumerable<T> Enumerate<T>(PagingRule rule, PageOptions options, PageSource<T> source, Func<T, string?>? keyOf, bool sequential)
    {
        if (rule is null) throw new ArgumentNullException(nameof(rule));
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (source is null) throw new ArgumentNullException(nameof(source));
        var pageSize = options.PageSize ?? rule.DefaultLimit;
        if (pageSize < rule.MinLimit || pageSize > rule.MaxLimit)
            throw new ArgumentOutOfRangeException(nameof(options), pageSize, $"The page size must be between {rule.MinLimit} and {rule.MaxLimit}.");
        if (options.Skip < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Skip, "Skip cannot be negative.");
        var throttle = sequential ? 1 : options.ThrottleLimit ?? PageOptions.DefaultThrottleLimit;
        if (throttle < 1 || throttle > PageOptions.MaxThrottleLimit)
            throw new ArgumentOutOfRangeException(nameof(options), throttle, $"The throttle limit must be between 1 and {PageOptions.MaxThrottleLimit}.");
        return new Listing<T>(rule, options, source, keyOf, pageSize, throttle).Run();
    }

    /// <summary>The total as reported to the user: null (with a warning) when it cannot be right.</summary>
    internal static long? Believable(long? total, long firstRecord, int count, Action<string>? warn)
    {
        if (total is not { } t) return null;
        string? why = t < 0 ? "is negative"
            : t > MaxPlausibleTotal ? $"is more than {MaxPlausibleTotal.ToString("N0", CultureInfo.InvariantCulture)}"
            : count > 0 && t < firstRecord + count ? $"is smaller than the {firstRecord + count} record(s) its first page reaches"
            : null;
        if (why is null) return t;
        warn?.Invoke($"The service reported a total of {t} record(s), which {why}: the total is treated as unknown.");
        return null;
    }

    private sealed class Listing<T>
    {
        private readonly PagingRule _rule;
        private readonly PageOptions _options;
        private readonly PageSource<T> _source;
        private readonly Func<T, string?>? _keyOf;
        private readonly int _pageSize;
        private readonly int _throttle;
        // The keys written so far, as 128-bit hashes: about 30 bytes a record with the set's own overhead, however
        // long its id (3-6 MB for 100,000 records, as the set grows), and no string kept alive per record.
        private readonly HashSet<(ulong, ulong)> _seen = new();
        private long _requests;

        public Listing(PagingRule rule, PageOptions options, PageSource<T> source, Func<T, string?>? keyOf, int pageSize, int throttle)
        {
            _rule = rule;
            _options = options;
            _source = source;
            _keyOf = keyOf;
            _pageSize = pageSize;
            _throttle = throttle;
        }

        private void Warn(string message) => _options.OnWarning?.Invoke(message);

        public IEnumerable<T> Run()
        {
            var remaining = _options.First;
            if (remaining <= 0)
            {
                // -First 0 -IncludeTotalCount: the smallest request that tells the total, and no records.
                if (_options.OnTotal is not null)
                {
                    var probe = _source.Wait(Start(_rule.OffsetFor(0, _rule.MinLimit), _rule.MinLimit, null, _source.Cancellation));
                    _options.OnTotal(Believable(probe.Total, 0, probe.Items.Count, Warn));
                }
                yield break;
            }

            // With -First smaller than a page, ask for no more than is needed. Page numbers only stay meaningful with
            // one limit for the whole listing, so that limit is chosen once.
            var limit = _pageSize;
            if (remaining.HasValue && remaining.Value < limit) limit = (int)Math.Max(_rule.MinLimit, remaining.Value);

            var offset = _rule.OffsetFor(_options.Skip, limit);
            var discard = (int)(_options.Skip - _rule.FirstRecordOf(offset, limit)); // page numbers: records before Skip on the first page

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(_source.Cancellation);
            var control = new ConcurrencyControl(_throttle, _source.Log);
            Scheduler? slots = null;
            Task<Page<T>>? ahead = null;
            var watch = Stopwatch.StartNew();
            var garbage = _options.GarbageBudgetBytes > 0 ? new GarbageBound(_options.GarbageBudgetBytes) : null;
            var progressShown = false;
            long written = 0;
            long? expected = null;
            try
            {
                var requestedLimit = limit;
                var page = _source.Wait(Start(offset, limit, control, stop.Token));
                var total = Believable(page.Total, _rule.FirstRecordOf(offset, limit) + discard, page.Items.Count - discard, Warn);
                _options.OnTotal?.Invoke(total);
                if (total.HasValue)
                {
                    var left = Math.Max(0, total.Value - _options.Skip);
                    expected = remaining.HasValue ? Math.Min(left, remaining.Value) : left;
                }

                // A first page shorter than asked, with more to come, shows the service's own largest page (a cap
                // below the limit): the rest of the listing asks for pages of that size, so that each comes back whole
                // (concurrent pages would leave a gap after each, filled one request after another), and the request
                // bound below counts them. Page numbers only from page 1, the one page both sides number alike; after
                // -Skip the listing keeps the limit it asked with.
                if (total.HasValue && page.Items.Count >= _rule.MinLimit && page.Items.Count < requestedLimit &&
                    _rule.FirstRecordOf(offset, limit) + page.Items.Count < total.Value &&
                    (_rule.Kind == OffsetKind.RecordOffset || offset == _rule.OffsetFor(0, limit)))
                {
                    _source.Log?.Invoke($"The service sent {page.Items.Count} record(s) for limit={limit}; the other pages are asked for {page.Items.Count} at a time.");
                    limit = page.Items.Count;
                }

                // A known total bounds the requests: its pages, and as many again for pages the service sends short.
                var budget = total.HasValue
                    ? 2 * ((Math.Max(0, total.Value - _rule.FirstRecordOf(offset, requestedLimit)) + limit - 1) / limit) + 1
                    : MaxRequestsWithoutTotal;
                var concurrent = _throttle > 1;
                var first = true;
                long slot = -1;           // the slot of the current page (-1: the first page or a gap)
                var warned = false;

                while (true)
                {
                    var items = page.Items;
                    if (items.Count == 0) break; // the end (or, with a total, the end short of it: said below)

                    var fresh = new List<T>(items.Count);
                    for (var i = discard; i < items.Count; i++)
                    {
                        var item = items[i];
                        if (item is null) continue;
                        var key = _keyOf?.Invoke(item);
                        if (key is null || _seen.Add(Hash(key))) fresh.Add(item);
                    }
                    var offered = items.Count - discard;
                    discard = 0;
                    if (fresh.Count == 0 && offered > 0)
                    {
                        Warn($"The service answered {_rule.OffsetParameter}={offset} with only records it had already sent; stopped paging so that none is written twice ({written} record(s) written).");
                        warned = true;
                        break;
                    }

                    var endRecord = _rule.FirstRecordOf(offset, requestedLimit) + items.Count;
                    var remainingAfter = remaining.HasValue ? remaining.Value - Math.Min(fresh.Count, remaining.Value) : (long?)null;
                    var more = !(remainingAfter <= 0) && !(total.HasValue && endRecord >= total.Value);

                    // The next request in order, unless the scheduler runs them.
                    long nextOffset = 0;
                    var nextLimit = limit;
                    var plain = true; // the next page is the next offset (not a slot)
                    var gap = false;
                    if (more)
                    {
                        if (concurrent && total.HasValue && !first && _rule.Kind == OffsetKind.RecordOffset && items.Count < requestedLimit)
                        {
                            // A slot came back short before the total: ask for the rest of its range before the next slot.
                            nextOffset = offset + items.Count;
                            nextLimit = requestedLimit - items.Count;
                            gap = true;
                        }
                        else if (concurrent && total.HasValue)
                        {
                            plain = false;
                        }
                        else
                        {
                            nextOffset = _rule.Kind == OffsetKind.RecordOffset ? offset + items.Count : offset + 1;
                            if (_rule.Kind == OffsetKind.RecordOffset && remainingAfter.HasValue && remainingAfter.Value < nextLimit)
                                nextLimit = (int)Math.Max(_rule.MinLimit, remainingAfter.Value);
                            if (nextOffset <= offset)
                            {
                                Warn($"The next {_rule.OffsetParameter} ({nextOffset}) does not advance past {offset}; stopped paging.");
                                warned = true;
                                more = false;
                            }
                        }
                        if (more && plain && _requests >= budget)
                        {
                            Warn(total.HasValue
                                ? $"Stopped after {_requests} requests, the most a listing of {total.Value} record(s) at {limit} per page can need; {written + fresh.Count} record(s) written."
                                : $"Stopped after {_requests} requests, the most the module makes for a listing whose service gives no total; {written + fresh.Count} record(s) written.");
                            warned = true;
                            more = false;
                        }
                        // Without a total, the next page travels while this one is written (never during the first:
                        // a consumer that takes only some of it must cost one request).
                        if (more && plain && concurrent && !first) ahead = Start(nextOffset, nextLimit, null, stop.Token);
                    }

                    foreach (var item in fresh)
                    {
                        written++;
                        yield return item;
                        if (remaining.HasValue && --remaining <= 0) yield break;
                    }
                    garbage?.AfterPage();

                    if (expected.HasValue && _options.First is null && _options.OnProgress is not null && watch.Elapsed >= _options.ProgressDelay)
                    {
                        progressShown = true;
                        _options.OnProgress(new ListingProgress(written, expected.Value, completed: false));
                    }

                    if (!more) break;

                    if (!plain)
                    {
                        if (slots is null)
                        {
                            // The first page is used up: plan the rest from the total, and start them.
                            var end = total!.Value;
                            if (remaining.HasValue) end = Math.Min(end, endRecord + remaining.Value);
                            slots = _rule.Kind == OffsetKind.RecordOffset
                                ? new Scheduler(this, control, endRecord, end, limit, pageNumbers: false, stop.Token)
                                : new Scheduler(this, control, offset + 1, end, limit, pageNumbers: true, stop.Token);
                            slot = -1;
                        }
                        if (++slot >= slots.Count) break;
                        (offset, requestedLimit) = slots.At(slot);
                        page = _source.Wait(slots.Take(slot));
                    }
                    else
                    {
                        var task = ahead ?? Start(nextOffset, nextLimit, null, stop.Token);
                        ahead = null;
                        offset = nextOffset;
                        requestedLimit = nextLimit;
                        if (!gap) limit = nextLimit; // -First's last page asks only for what is left
                        page = _source.Wait(task);
                    }
                    first = false;
                }

                if (!warned && expected.HasValue && written < expected.Value)
                    Warn($"The listing ended after {written} of the {expected.Value} record(s) the service announced; records may have been deleted meanwhile, or the service skipped some.");
            }
            finally
            {
                // The consumer stopped, the listing ended or a page failed: nothing more starts, nothing in flight goes on.
                slots?.Stop();
                try { stop.Cancel(); } catch (ObjectDisposedException) { }
                Observe(ahead);
                if (progressShown)
                {
                    try { _options.OnProgress!(new ListingProgress(written, expected ?? written, completed: true)); }
                    catch (Exception) { /* closing a progress bar while the pipeline stops may fail; nothing to tell */ }
                }
            }
        }

        /// <summary>Two FNV-1a 64-bit hashes with different bases: a 128-bit key whose accidental collision is negligible.</summary>
        private static (ulong, ulong) Hash(string key)
        {
            const ulong prime = 1099511628211UL;
            ulong a = 14695981039346656037UL, b = 0x6c62272e07bb0142UL;
            foreach (var c in key)
            {
                a = (a ^ c) * prime;
                b = (b ^ (c + 0x9e37UL)) * prime;
                b ^= b >> 29;
            }
            return (a, b);
        }

        /// <summary>Starts one request, counted, with its 429s reported to <paramref name="control"/>.</summary>
        private Task<Page<T>> Start(long offset, int limit, ConcurrencyControl? control, CancellationToken token)
        {
            Interlocked.Increment(ref _requests);
            try
            {
                return control is null
                    ? _source.FetchAsync(offset, limit, token)
                    : ThrottleSignal.Run(control.Throttled, () => _source.FetchAsync(offset, limit, token));
            }
            catch (Exception ex)
            {
                return Task.FromException<Page<T>>(ex);
            }
        }

        private static void Observe(Task? task) => task?.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);

        /// <summary>
        /// The pages after the first, once the total is known: each slot is one request, started in order with at
        /// most the control's number in flight and at most 2 × -ThrottleLimit slots ahead of the consumer.
        /// </summary>
        private sealed class Scheduler
        {
            private readonly object _gate = new();
            private readonly Listing<T> _listing;
            private readonly ConcurrencyControl _control;
            private readonly CancellationToken _token;
            private readonly long _start;
            private readonly long _endRecord;
            private readonly int _limit;
            private readonly bool _pageNumbers;
            private readonly int _window;
            private readonly Dictionary<long, TaskCompletionSource<Page<T>>> _started = new();
            private long _nextToStart;
            private long _consumerAt; // one past the slot the consumer is taking
            private int _inFlight;
            private bool _stopped;
            private bool _failed; // a page failed: the listing ends with its error when the consumer reaches it

            /// <param name="start">Record offsets: the first record of the first slot; page numbers: its page.</param>
            /// <param name="endRecord">The record index the listing stops at (the total, or -First's end).</param>
            public Scheduler(Listing<T> listing, ConcurrencyControl control, long start, long endRecord, int limit, bool pageNumbers, CancellationToken token)
            {
                _listing = listing;
                _control = control;
                _token = token;
                _start = start;
                _endRecord = endRecord;
                _limit = limit;
                _pageNumbers = pageNumbers;
                _window = 2 * control.Max;
                var first = pageNumbers ? (start - 1) * limit : start;
                Count = first >= endRecord ? 0 : (endRecord - first + limit - 1) / limit;
            }

            public long Count { get; }

            /// <summary>The offset and limit of slot <paramref name="j"/>.</summary>
            public (long Offset, int Limit) At(long j)
            {
                if (_pageNumbers) return (_start + j, _limit);
                var offset = _start + j * _limit;
                return (offset, (int)Math.Min(_limit, _endRecord - offset));
            }

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

            public void Stop()
            {
                lock (_gate)
                {
                    _stopped = true;
                    foreach (var s in _started.Values)
                    {
                        if (s.Task.IsFaulted) _ = s.Task.Exception; // a later page's failure, never to be written
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
                    // Slow start: one request while the consumer takes its first slot, twice as many with each slot it
                    // takes, so a consumer that stops early (Select-Object -First) wastes at most about what it used.
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
                foreach (var (slot, source) in toStart)
                {
                    var (offset, limit) = At(slot);
                    var generation = _control.Generation;
                    _listing.Start(offset, limit, _control, _token).ContinueWith(static (done, state) =>
                    {
                        var (self, source, generation) = ((Scheduler, TaskCompletionSource<Page<T>>, int))state!;
                        self.Completed(done, source, generation);
                    }, (this, source, generation), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
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
    }
}
