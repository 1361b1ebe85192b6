using System.Diagnostics;
using Grainflow.Benchmarks.Grains;

namespace Grainflow.Benchmarks.Runtime.Harness;

/// <summary>
/// Round-trip latency of sequential calls by one caller to one active grain: a timestamp before and after each
/// awaited call, all samples kept and sorted. Includes the cost of one <see cref="Stopwatch.GetTimestamp"/>,
/// which <see cref="MeasureTimerOverhead"/> reports separately.
/// </summary>
internal static class LatencyProbe
{
    public static async Task<LatencySummary> MeasureAsync(ICounterGrain grain, int calls, TimeSpan warmUp)
    {
        var samples = new long[calls];
        await WarmUpAsync(grain, samples, warmUp).ConfigureAwait(false);
        await RecordAsync(grain, samples, samples.Length).ConfigureAwait(false);
        return LatencySummary.FromTicks(samples);
    }

    /// <summary>The latency of taking two timestamps back to back, the floor under every sample.</summary>
    public static LatencySummary MeasureTimerOverhead(int samples)
    {
        var ticks = new long[samples];
        for (var i = 0; i < ticks.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        return LatencySummary.FromTicks(ticks);
    }

    // Runs the measured loop itself until tiered compilation has settled, so the samples see optimized code.
    private static async Task WarmUpAsync(ICounterGrain grain, long[] samples, TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        do
        {
            await RecordAsync(grain, samples, Math.Min(samples.Length, 50_000)).ConfigureAwait(false);
        }
        while (Stopwatch.GetTimestamp() < deadline);
    }

    private static async Task RecordAsync(ICounterGrain grain, long[] samples, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await grain.Add(1).ConfigureAwait(false);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }
    }
}
