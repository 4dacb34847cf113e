using System.Globalization;
using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;

namespace MigrationTools.Core.Paging;

/// <summary>
/// Keeps the garbage of a long listing bounded, so that its peak memory does not grow with the number of records.
/// The records a listing has written are garbage once the pipeline is done with them, but .NET sizes its youngest
/// generation from the CPU's cache: on a machine that reports a large L3 (cloud VMs report 256-384 MiB), about
/// 100 MB of them pile up before the runtime's first collection, and a listing of 100,000 records peaked 1.8 times
/// as high as one of 1,000. After each page it writes, the cmdlet calls <see cref="AfterPage"/> (one bound per
/// command, on the thread that writes: <see cref="WatchedPages"/>): when the managed heap has grown by the budget
/// since the runtime last collected, it collects the youngest generation (what was written is dead by then, so the
/// collection is short). Where the runtime collects sooner on its own, nothing is induced.
/// </summary>
public sealed class GarbageBound
{
    /// <summary>The environment variable that sets the budget in MiB (0: leave collections to the runtime alone).</summary>
    public const string Variable = "MIGRATIONTOOLS_LISTING_GARBAGE_MB";

    /// <summary>16 MiB: peak memory of 100,000 records 1.3 times that of 1,000, with no cost to throughput (docs/resilience.md).</summary>
    public const long DefaultBudgetBytes = 16L << 20;

    /// <summary>The largest budget the variable accepts, in MiB.</summary>
    public const int MaxBudgetMegabytes = 4096;

    private readonly long _budget;
    private readonly Func<long> _heapBytes;
    private readonly Func<int> _collections;
    private readonly Action _collect;
    private long _mark;
    private int _seen;

    /// <summary>A bound over this process's managed heap.</summary>
    public GarbageBound(long budgetBytes)
        : this(budgetBytes, () => GC.GetTotalMemory(forceFullCollection: false), () => GC.CollectionCount(0),
            () => GC.Collect(0, GCCollectionMode.Forced, blocking: true))
    {
    }

    /// <summary>A bound over any heap (tests give their own).</summary>
    internal GarbageBound(long budgetBytes, Func<long> heapBytes, Func<int> collections, Action collect)
    {
        _budget = budgetBytes;
        _heapBytes = heapBytes;
        _collections = collections;
        _collect = collect;
        _seen = collections();
        _mark = heapBytes();
    }

    /// <summary>Collections this bound has induced.</summary>
    public int Induced { get; private set; }

    /// <summary>Called after a page's records were written: collects the youngest generation if the budget is used up.</summary>
    public void AfterPage()
    {
        var collections = _collections();
        var heap = _heapBytes();
        if (collections != _seen)
        {
            // The runtime collected meanwhile: the budget counts from what is on the heap now.
            _seen = collections;
            _mark = heap;
            return;
        }
        if (heap - _mark < _budget) return;
        _collect();
        Induced++;
        _seen = _collections();
        _mark = _heapBytes();
    }

    /// <summary>
    /// The budget in bytes: $env:MIGRATIONTOOLS_LISTING_GARBAGE_MB, else <see cref="DefaultBudgetBytes"/>; 0 turns the
    /// bound off. A value that is not a whole number in range is an error naming the variable.
    /// </summary>
    public static long ResolveBudget(IEnvironment environment)
    {
        var text = environment?.Get(Variable);
        if (text is null) return DefaultBudgetBytes;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var megabytes) && megabytes <= MaxBudgetMegabytes)
            return (long)megabytes << 20;
        throw new HuaweiCloudConfigurationException("InvalidListingGarbage", Variable,
            $"$env:{Variable} is '{text}'; it must be a whole number of MiB from 0 (leave collections to .NET) to {MaxBudgetMegabytes}. The default is {DefaultBudgetBytes >> 20}.");
    }
}
