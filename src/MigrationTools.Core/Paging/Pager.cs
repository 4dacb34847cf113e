namespace MigrationTools.Core.Paging;

/// <summary>
/// Streams every record of a paged API, in the service's order, each once. Termination is the pager's, not the
/// service's: a record already written is never written again, a page that brings nothing new (or nothing) ends
/// the listing, a known total bounds the requests, and <see cref="MaxRequestsWithoutTotal"/> bounds the rest;
/// every stop the user should know of says why through <see cref="PageOptions.OnWarning"/>. What watches a listing
/// (progress, the garbage bound) is applied by its consumer around <see cref="PagedListing{T}.AsPages"/>.
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
    public static PagedListing<T> Enumerate<T>(PagingRule rule, PageOptions options, Func<long, int, Page<T>> fetch, Func<T, string?>? keyOf = null)
    {
        if (fetch is null) throw new ArgumentNullException(nameof(fetch));
        var source = new PageSource<T>((offset, limit, _) => Task.FromResult(fetch(offset, limit)), task => task.GetAwaiter().GetResult());
        return Enumerate(rule, options, source, keyOf, sequential: true);
    }

    /// <summary>Pages over an asynchronous source, with up to <see cref="PageOptions.ThrottleLimit"/> requests in flight.</summary>
    public static PagedListing<T> Enumerate<T>(PagingRule rule, PageOptions options, PageSource<T> source, Func<T, string?>? keyOf = null) =>
        Enumerate(rule, options, source, keyOf, sequential: false);

    private static PagedListing<T> Enumerate<T>(PagingRule rule, PageOptions options, PageSource<T> source, Func<T, string?>? keyOf, bool sequential)
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
        return new PagedListing<T>(() => new Listing<T>(rule, options, source, keyOf, pageSize, throttle).Pages());
    }

    /// <summary>One enumeration of a listing: the plan's requests, through the guard, scheduled when the total is known.</summary>
    private sealed class Listing<T>
    {
        private readonly ListingPlan _plan;
        private readonly PageOptions _options;
        private readonly PageSource<T> _source;
        private readonly ListingGuard<T> _guard;
        private readonly int _throttle;
        private long _requests;

        // Where the listing is: the current page's request, what -First leaves, and what is in flight.
        private long _offset;
        private int _requested;
        private long? _remaining;
        private bool _first = true;
        private long _slot = -1; // the scheduler's slot of the current page
        private CancellationTokenSource _stop = null!;
        private ConcurrencyControl _control = null!;
        private PageScheduler<T>? _scheduler;
        private Task<Page<T>>? _ahead;

        public Listing(PagingRule rule, PageOptions options, PageSource<T> source, Func<T, string?>? keyOf, int pageSize, int throttle)
        {
            _plan = new ListingPlan(rule, pageSize, options.Skip, options.First);
            _options = options;
            _source = source;
            _guard = new ListingGuard<T>(rule, keyOf, options.OnWarning);
            _throttle = throttle;
            _remaining = options.First;
        }

        /// <summary>
        /// The new records of each page, in order, no more than -First; the next page is asked for (or taken from
        /// the scheduler) only when the consumer asks past this one.
        /// </summary>
        public IEnumerable<ListingPage<T>> Pages()
        {
            if (_options.First <= 0)
            {
                Probe();
                yield break;
            }

            _stop = CancellationTokenSource.CreateLinkedTokenSource(_source.Cancellation);
            _control = new ConcurrencyControl(_throttle, _source.Log, _options.Clock);
            try
            {
                Page<T>? page = FirstPage();
                var discard = _plan.Discard;
                // No records: the end (or, with a total, the end short of it: said by the guard when it ends).
                while (page is { Items.Count: > 0 } current)
                {
                    var fresh = _guard.Fresh(current.Items, discard, _offset);
                    discard = 0;
                    if (fresh is null) break;

                    var remainingAfter = _remaining - Math.Min(fresh.Count, _remaining ?? 0);
                    var step = After(_offset, _requested, current.Items.Count, fresh.Count, remainingAfter, _first);
                    ReadAhead(step);
                    yield return new ListingPage<T>(UpTo(fresh, _remaining), _plan.Expected);
                    _guard.Written(fresh.Count);
                    _remaining = remainingAfter;
                    if (_remaining <= 0) yield break;
                    if (!step.More) break;

                    page = step.Scheduled ? Scheduled(current.Items.Count) : InOrder(step);
                    _first = false;
                }
                _guard.Ended(_plan.Expected);
            }
            finally
            {
                StopAll();
            }
        }

        /// <summary>Asks for the first page: it tells the total, and may tell the page size the service really uses.</summary>
        private Page<T> FirstPage()
        {
            (_offset, _requested) = (_plan.FirstOffset, _plan.FirstLimit);
            var page = _source.Wait(Start(new PageRequest(_offset, _requested, _control.Throttled, _stop.Token)));
            var total = _guard.Believable(page.Total, _plan.Skip, page.Items.Count - _plan.Discard);
            _options.OnTotal?.Invoke(total);
            if (_plan.LearnFromFirstPage(total, page.Items.Count))
                _source.Log?.Invoke($"The service sent {page.Items.Count} record(s) for limit={_plan.FirstLimit}; the other pages are asked for {page.Items.Count} at a time.");
            return page;
        }

        /// <summary>
        /// Without a total, the next page travels while this one is written (never during the first: a consumer
        /// that takes only some of it must cost one request).
        /// </summary>
        private void ReadAhead(Step step)
        {
            if (step.More && !step.Scheduled && _throttle > 1 && !_first)
                _ahead = Start(new PageRequest(step.Next.Offset, step.Next.Limit, null, _stop.Token));
        }

        /// <summary>The next page in order: the one read ahead, or asked for now.</summary>
        private Page<T> InOrder(Step step)
        {
            var task = _ahead ?? Start(new PageRequest(step.Next.Offset, step.Next.Limit, null, _stop.Token));
            _ahead = null;
            (_offset, _requested) = step.Next;
            if (!step.Gap) _plan.MovedTo(_requested); // -First's last page asks only for what is left
            return _source.Wait(task);
        }

        /// <summary>
        /// The scheduler's next page (concurrently, with the total known); after the first page is used up, the rest
        /// is planned from the total and started. Null when the slots are all taken.
        /// </summary>
        private Page<T>? Scheduled(int count)
        {
            _scheduler ??= new PageScheduler<T>(_plan.SlotsAfter(_offset, _plan.EndRecord(_offset, _requested, count), _remaining),
                _control, Start, _stop.Token);
            if (++_slot >= _scheduler.Count) return null;
            (_offset, _requested) = _scheduler.At(_slot);
            return _source.Wait(_scheduler.Take(_slot));
        }

        /// <summary>The consumer stopped, the listing ended or a page failed: nothing more starts, nothing in flight goes on.</summary>
        private void StopAll()
        {
            _scheduler?.Stop();
            try { _stop.Cancel(); } catch (ObjectDisposedException) { }
            Observe(_ahead);
            _stop.Dispose();
        }

        private static List<T> UpTo(List<T> records, long? most) =>
            most is { } m && records.Count > m ? records.GetRange(0, (int)m) : records;

        /// <summary>What follows a page: the end, the scheduler's next slot, or one request in order.</summary>
        private readonly struct Step
        {
            public Step(bool more, bool scheduled, bool gap, (long Offset, int Limit) next)
            {
                More = more;
                Scheduled = scheduled;
                Gap = gap;
                Next = next;
            }

            /// <summary>Another page follows (false: the end, said by the guard when it is a stop).</summary>
            public bool More { get; }

            /// <summary>The scheduler has the next page.</summary>
            public bool Scheduled { get; }

            /// <summary>The next request is the rest of a slot sent short.</summary>
            public bool Gap { get; }

            /// <summary>The next request in order.</summary>
            public (long Offset, int Limit) Next { get; }
        }

        /// <summary>
        /// What follows the page asked at (<paramref name="offset"/>, <paramref name="requested"/>) that brought
        /// <paramref name="count"/> records, <paramref name="fresh"/> of them new: the end (More false, said by the
        /// guard when it is a stop), the scheduler's next slot, or one request in order (the next page, or with Gap
        /// the rest of a slot sent short).
        /// </summary>
        private Step After(long offset, int requested, int count, int fresh, long? remainingAfter, bool first)
        {
            var plan = _plan;
            if (!plan.HasMoreAfter(offset, requested, count, remainingAfter)) return default;
            var scheduled = _throttle > 1 && plan.Total.HasValue;
            if (scheduled && !first && plan.Gap(offset, requested, count) is { } rest)
                return new Step(_guard.WithinBudget(Volatile.Read(ref _requests), plan, fresh), false, true, rest);
            if (scheduled) return new Step(true, true, false, default);
            var next = plan.NextInOrder(offset, count, remainingAfter);
            return new Step(_guard.Advances(next.Offset, offset) && _guard.WithinBudget(Volatile.Read(ref _requests), plan, fresh), false, false, next);
        }

        /// <summary>-First 0 -IncludeTotalCount: the smallest request that tells the total, and no records.</summary>
        private void Probe()
        {
            if (_options.OnTotal is null) return;
            var rule = _plan.Rule;
            var probe = _source.Wait(Start(new PageRequest(rule.OffsetFor(0, rule.MinLimit), rule.MinLimit, null, _source.Cancellation)));
            _options.OnTotal(_guard.Believable(probe.Total, 0, probe.Items.Count));
        }

        /// <summary>Starts one request, counted against the budget.</summary>
        private Task<Page<T>> Start(PageRequest request)
        {
            Interlocked.Increment(ref _requests);
            try
            {
                return _source.FetchAsync(request);
            }
            catch (Exception ex)
            {
                return Task.FromException<Page<T>>(ex);
            }
        }

        private static void Observe(Task? task) => task?.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
    }
}
