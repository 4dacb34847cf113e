using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MigrationTools.Core.Paging;

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

    /// <summary>One listing: the plan's requests, through the guard, scheduled when the total is known.</summary>
    private sealed class Listing<T>
    {
        private readonly ListingPlan _plan;
        private readonly PageOptions _options;
        private readonly PageSource<T> _source;
        private readonly ListingGuard<T> _guard;
        private readonly int _throttle;
        private long _requests;

        public Listing(PagingRule rule, PageOptions options, PageSource<T> source, Func<T, string?>? keyOf, int pageSize, int throttle)
        {
            _plan = new ListingPlan(rule, pageSize, options.Skip, options.First);
            _options = options;
            _source = source;
            _guard = new ListingGuard<T>(rule, keyOf, options.OnWarning);
            _throttle = throttle;
        }

        public IEnumerable<T> Run()
        {
            if (_options.First <= 0)
            {
                Probe();
                yield break;
            }

            var plan = _plan;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(_source.Cancellation);
            var control = new ConcurrencyControl(_throttle, _source.Log, _options.Clock);
            var progress = new ProgressReport(_options);
            var garbage = _options.GarbageBudgetBytes > 0 ? new GarbageBound(_options.GarbageBudgetBytes) : null;
            PageScheduler<T>? scheduler = null;
            Task<Page<T>>? ahead = null;
            var remaining = _options.First;
            try
            {
                long offset = plan.FirstOffset;
                var requested = plan.FirstLimit;
                var page = _source.Wait(Start(new PageRequest(offset, requested, control.Throttled, stop.Token)));
                var total = _guard.Believable(page.Total, plan.Skip, page.Items.Count - plan.Discard);
                _options.OnTotal?.Invoke(total);
                if (plan.LearnFromFirstPage(total, page.Items.Count))
                    _source.Log?.Invoke($"The service sent {page.Items.Count} record(s) for limit={plan.FirstLimit}; the other pages are asked for {page.Items.Count} at a time.");

                // With a total, the pages after the first are the scheduler's (concurrently); without, the next page
                // travels while this one is written (never during the first: a consumer that takes only some of it
                // must cost one request). A slot sent short has the rest of its range asked for before the next slot.
                var concurrent = _throttle > 1;
                var first = true;
                long slot = -1; // the scheduler's slot of the current page
                var discard = plan.Discard;
                while (true)
                {
                    var items = page.Items;
                    if (items.Count == 0) break; // the end (or, with a total, the end short of it: said below)
                    var fresh = _guard.Fresh(items, discard, offset);
                    discard = 0;
                    if (fresh is null) break;

                    var remainingAfter = remaining.HasValue ? remaining.Value - Math.Min(fresh.Count, remaining.Value) : (long?)null;
                    var step = After(offset, requested, items.Count, fresh.Count, remainingAfter, first);
                    if (step.More && !step.Scheduled && concurrent && !first) ahead = Start(new PageRequest(step.Next.Offset, step.Next.Limit, null, stop.Token));

                    foreach (var item in fresh)
                    {
                        _guard.Written();
                        yield return item;
                        if (remaining.HasValue && --remaining <= 0) yield break;
                    }
                    garbage?.AfterPage();
                    progress.AfterPage(_guard.WrittenCount, plan.Expected);
                    if (!step.More) break;

                    if (step.Scheduled)
                    {
                        // The first page is used up: the rest is planned from the total, and started.
                        scheduler ??= new PageScheduler<T>(plan.SlotsAfter(offset, plan.EndRecord(offset, requested, items.Count), remaining),
                            control, Start, stop.Token);
                        if (++slot >= scheduler.Count) break;
                        (offset, requested) = scheduler.At(slot);
                        page = _source.Wait(scheduler.Take(slot));
                    }
                    else
                    {
                        var task = ahead ?? Start(new PageRequest(step.Next.Offset, step.Next.Limit, null, stop.Token));
                        ahead = null;
                        (offset, requested) = step.Next;
                        if (!step.Gap) plan.MovedTo(requested); // -First's last page asks only for what is left
                        page = _source.Wait(task);
                    }
                    first = false;
                }
                _guard.Ended(plan.Expected);
            }
            finally
            {
                // The consumer stopped, the listing ended or a page failed: nothing more starts, nothing in flight goes on.
                scheduler?.Stop();
                try { stop.Cancel(); } catch (ObjectDisposedException) { }
                Observe(ahead);
                progress.Close(_guard.WrittenCount, plan.Expected);
            }
        }

        /// <summary>
        /// What follows the page asked at (<paramref name="offset"/>, <paramref name="requested"/>) that brought
        /// <paramref name="count"/> records, <paramref name="fresh"/> of them new: the end (More false, said by the
        /// guard when it is a stop), the scheduler's next slot, or one request in order (the next page, or with Gap
        /// the rest of a slot sent short).
        /// </summary>
        private (bool More, bool Scheduled, bool Gap, (long Offset, int Limit) Next) After(long offset, int requested, int count, int fresh, long? remainingAfter, bool first)
        {
            var plan = _plan;
            if (!plan.HasMoreAfter(offset, requested, count, remainingAfter)) return default;
            var scheduled = _throttle > 1 && plan.Total.HasValue;
            if (scheduled && !first && plan.Gap(offset, requested, count) is { } rest)
                return (_guard.WithinBudget(Volatile.Read(ref _requests), plan, fresh), false, true, rest);
            if (scheduled) return (true, true, false, default);
            var next = plan.NextInOrder(offset, count, remainingAfter);
            return (_guard.Advances(next.Offset, offset) && _guard.WithinBudget(Volatile.Read(ref _requests), plan, fresh), false, false, next);
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
