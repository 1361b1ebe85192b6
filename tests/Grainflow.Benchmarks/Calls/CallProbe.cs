using System.Diagnostics;

namespace Grainflow.Benchmarks.Calls;

/// <summary>
/// Concurrent callers, each awaiting one call after another to its own <see cref="IBatchSinkGrain"/> (as a task
/// sends its channel's batches), for a fixed time; every caller sends the same batch object again and again.
/// </summary>
internal static class CallProbe
{
    public static async Task<CallSample> MeasureAsync(
        IReadOnlyList<IBatchSinkGrain> grains, int callers, Func<IBatchSinkGrain, Task> call, TimeSpan warmUp, TimeSpan duration)
    {
        var warmUpCalls = await RunAsync(grains, callers, call, warmUp).ConfigureAwait(false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var calls = await RunAsync(grains, callers, call, duration).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new CallSample(callers, calls, elapsed, allocated, warmUpCalls);
    }

    private static async Task<long> RunAsync(IReadOnlyList<IBatchSinkGrain> grains, int callers, Func<IBatchSinkGrain, Task> call, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => CallUntilAsync(grains[c], call, end)))).ConfigureAwait(false);
        return counts.Sum();
    }

    private static async Task<long> CallUntilAsync(IBatchSinkGrain grain, Func<IBatchSinkGrain, Task> call, long end)
    {
        long calls = 0;
        do
        {
            await call(grain).ConfigureAwait(false);
            calls++;
        }
        while (Stopwatch.GetTimestamp() < end);

        return calls;
    }
}
