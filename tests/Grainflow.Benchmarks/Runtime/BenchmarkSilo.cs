using Grainflow.Benchmarks.Grains;
using Grainflow.TestingHost;

namespace Grainflow.Benchmarks.Runtime;

/// <summary>Starts the in-process silo that both the micro benchmarks and the harness measure.</summary>
internal static class BenchmarkSilo
{
    public static Task<TestSilo> StartAsync() => TestSilo.StartAsync(silo => silo.AddGrain<CounterGrain>());

    /// <summary>Returns a reference to a grain that is active and whose reference has cached its activation.</summary>
    public static async Task<ICounterGrain> ActivateAsync(TestSilo silo, long key)
    {
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>(key);
        await grain.Touch().ConfigureAwait(false);

        // The first call went through the router and may still be ending on the pool; later calls take the fast path.
        for (var i = 0; i < 1_000; i++)
        {
            await grain.Touch().ConfigureAwait(false);
        }

        return grain;
    }
}
