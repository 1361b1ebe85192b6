using Grainflow.Benchmarks.Grains;
using Grainflow.Invocation;
using Grainflow.TestingHost;

namespace Grainflow.Benchmarks.Runtime.Harness;

/// <summary>
/// The memory an idle activation holds: activate many grains through references that are then dropped, force a
/// full collection, and divide the growth of the heap by the number of activations. What remains per activation
/// is the grain object plus everything the runtime keeps for it (activation, its lock and context, queues,
/// directory entry, key string); the grain object's own size is measured separately and reported apart.
/// </summary>
internal static class ActivationMemoryProbe
{
    // Keys far from those the other probes use, so every activation here is new.
    private const long FirstKey = 10_000_000;
    private const int ConcurrentActivations = 1_000;

    public static async Task<ActivationMemorySummary> MeasureAsync(int activations)
    {
        var grainObjectSize = GrainObjectSize(Math.Min(activations, 10_000));
        await using var silo = await BenchmarkSilo.StartAsync().ConfigureAwait(false);
        await BenchmarkSilo.ActivateAsync(silo, FirstKey - 1).ConfigureAwait(false);
        var countBefore = silo.Silo.ActivationCount;
        var heapBefore = FullCollection();

        await ActivateAsync(silo, activations).ConfigureAwait(false);

        var heapAfter = FullCollection();
        var activated = silo.Silo.ActivationCount - countBefore;
        if (activated != activations)
        {
            throw new InvalidOperationException($"Expected {activations} new activations, found {activated}.");
        }

        var perActivation = (heapAfter - heapBefore) / (double)activations;
        return new ActivationMemorySummary(perActivation, grainObjectSize, perActivation - grainObjectSize);
    }

    private static async Task ActivateAsync(TestSilo silo, int activations)
    {
        var batch = new List<Task>(ConcurrentActivations);
        for (var i = 0; i < activations; i++)
        {
            batch.Add(silo.GrainFactory.GetGrain<ICounterGrain>(FirstKey + i).Touch());
            if (batch.Count == ConcurrentActivations)
            {
                await Task.WhenAll(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }

        await Task.WhenAll(batch).ConfigureAwait(false);
    }

    private static double GrainObjectSize(int count)
    {
        var context = new StubGrainContext();
        var grains = new Grain[count];

        // The first construction allocates the cached lambda; it must not count.
        grains[0] = ActivationConstruction.Construct(context, static () => new CounterGrain());
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < grains.Length; i++)
        {
            grains[i] = ActivationConstruction.Construct(context, static () => new CounterGrain());
        }

        var size = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)count;
        GC.KeepAlive(grains);
        return size;
    }

    private static long FullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
