using MigrationTools.Core.Connection;
using MigrationTools.Core.Errors;
using MigrationTools.Core.Paging;
using Xunit;

namespace MigrationTools.Core.Tests;

/// <summary>
/// The bound on a listing's garbage: the youngest generation is collected when the heap grew by the budget and the
/// runtime did not collect meanwhile; never otherwise, and never when turned off.
/// </summary>
public sealed class GarbageBoundTests
{
    private const long MiB = 1L << 20;

    /// <summary>A heap the test moves by hand; a collection brings it back to what survives.</summary>
    private sealed class FakeHeap
    {
        public long Bytes { get; set; } = 50 * MiB;
        public long Survivors { get; set; } = 50 * MiB;
        public int Collections { get; set; }
        public int Induced { get; private set; }

        public GarbageBound Bound(long budget) => new(budget, () => Bytes, () => Collections, () =>
        {
            Induced++;
            Collections++;
            Bytes = Survivors;
        });
    }

    /// <summary>The heap grows by this much while a page is written; then the page ends.</summary>
    private static void Page(FakeHeap heap, GarbageBound bound, long growth)
    {
        heap.Bytes += growth;
        bound.AfterPage();
    }

    [Fact]
    public void The_youngest_generation_is_collected_once_the_heap_grew_by_the_budget()
    {
        var heap = new FakeHeap();
        var bound = heap.Bound(16 * MiB);
        Page(heap, bound, 15 * MiB);
        Assert.Equal(0, heap.Induced);
        Page(heap, bound, 1 * MiB);
        Assert.Equal(1, heap.Induced);
        Assert.Equal(50 * MiB, heap.Bytes);

        // The budget counts again from what survived.
        Page(heap, bound, 10 * MiB);
        Assert.Equal(1, heap.Induced);
        Page(heap, bound, 6 * MiB);
        Assert.Equal(2, bound.Induced);
    }

    [Fact]
    public void Nothing_is_induced_when_the_runtime_collects_sooner_on_its_own()
    {
        var heap = new FakeHeap();
        var bound = heap.Bound(16 * MiB);
        for (var page = 0; page < 100; page++)
        {
            heap.Bytes += 4 * MiB;
            if (page % 3 == 2)
            {
                // The runtime's own collection, every 12 MiB (a machine with a small cache).
                heap.Collections++;
                heap.Bytes = heap.Survivors + MiB;
            }
            bound.AfterPage();
        }
        Assert.Equal(0, heap.Induced);
    }

    [Fact]
    public void A_runtime_collection_restarts_the_budget_from_the_heap_it_left()
    {
        var heap = new FakeHeap();
        var bound = heap.Bound(16 * MiB);
        Page(heap, bound, 12 * MiB);
        heap.Collections++;           // the runtime collected, but kept 20 MiB more alive
        heap.Bytes = 70 * MiB;
        bound.AfterPage();
        Page(heap, bound, 15 * MiB);  // 85 MiB: 35 above the first mark, 15 above the new one
        Assert.Equal(0, heap.Induced);
        Page(heap, bound, 1 * MiB);
        Assert.Equal(1, heap.Induced);
    }

    [Theory]
    [InlineData(null, 16L << 20)]
    [InlineData("", 16L << 20)] // blank is unset, as for every variable of the module
    [InlineData("0", 0L)]
    [InlineData(" 64 ", 64L << 20)]
    [InlineData("4096", 4096L << 20)]
    public void The_budget_comes_from_the_environment_in_mib_else_16(string? variable, long expected)
    {
        var env = new DictionaryEnvironment(variable is null ? new Dictionary<string, string>() : new() { [GarbageBound.Variable] = variable });
        Assert.Equal(expected, GarbageBound.ResolveBudget(env));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("4097")]
    [InlineData("1.5")]
    [InlineData("16MB")]
    public void A_budget_that_is_not_whole_mib_in_range_is_an_error_that_names_the_variable(string variable)
    {
        var env = new DictionaryEnvironment(new Dictionary<string, string> { [GarbageBound.Variable] = variable });
        var ex = Assert.Throws<HuaweiCloudConfigurationException>(() => GarbageBound.ResolveBudget(env));
        Assert.Equal("InvalidListingGarbage", ex.ErrorId);
        Assert.Contains(GarbageBound.Variable, ex.Message);
    }
}
