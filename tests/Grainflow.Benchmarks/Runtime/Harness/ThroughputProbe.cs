using System.Diagnostics;
using Grainflow.Benchmarks.Grains;

namespace Grainflow.Benchmarks.Runtime.Harness;

/// <summary>
/// Aggregate calls per second of many concurrent async callers, each calling grains picked by its own seeded
/// random sequence, for a fixed time. Callers yield to the thread pool every <see cref="CallsBetweenYields"/>
/// calls, as callers doing other work would, so that all of them take turns on the pool rather than the first
/// few monopolizing its threads.
/// </summary>
internal static class ThroughputProbe
{
    private const int CallsBetweenYields = 256;

    public static async Task<ThroughputSummary> MeasureAsync(IReadOnlyList<ICounterGrain> grains, int callers, TimeSpan duration)
    {
        await RunAsync(grains, callers, TimeSpan.FromMilliseconds(Math.Min(200, duration.TotalMilliseconds))).ConfigureAwait(false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        var calls = await RunAsync(grains, callers, duration).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new ThroughputSummary(calls, elapsed, calls / elapsed.TotalSeconds, allocated / (double)calls);
    }

    private static async Task<long> RunAsync(IReadOnlyList<ICounterGrain> grains, int callers, TimeSpan duration)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deadline = new long[1];
        var tasks = new Task<long>[callers];
        for (var c = 0; c < callers; c++)
        {
            var seed = c;
            tasks[c] = Task.Run(() => CallUntilAsync(grains, seed, go.Task, deadline));
        }

        deadline[0] = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        go.SetResult();
        var counts = await Task.WhenAll(tasks).ConfigureAwait(false);
        return counts.Sum();
    }

    private static async Task<long> CallUntilAsync(IReadOnlyList<ICounterGrain> grains, int seed, Task go, long[] deadline)
    {
        await go.ConfigureAwait(false);
        var random = new Random(seed);
        var end = Volatile.Read(ref deadline[0]);
        long calls = 0;
        while (true)
        {
            for (var i = 0; i < CallsBetweenYields; i++)
            {
                await grains[random.Next(grains.Count)].Add(1).ConfigureAwait(false);
            }

            calls += CallsBetweenYields;
            if (Stopwatch.GetTimestamp() >= end)
            {
                return calls;
            }

            await Task.Yield();
        }
    }
}
