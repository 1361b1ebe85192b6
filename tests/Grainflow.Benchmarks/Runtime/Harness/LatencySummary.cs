using System.Diagnostics;

namespace Grainflow.Benchmarks.Runtime.Harness;

/// <summary>Percentiles of a set of latency samples, in nanoseconds.</summary>
internal sealed record LatencySummary(double P50, double P99, double P999, double Mean)
{
    /// <summary>Sorts <paramref name="ticks"/> (Stopwatch ticks) in place and summarizes them.</summary>
    public static LatencySummary FromTicks(long[] ticks)
    {
        Array.Sort(ticks);
        var nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
        double At(double quantile) => ticks[Math.Min(ticks.Length - 1, (int)(quantile * ticks.Length))] * nanosecondsPerTick;
        return new LatencySummary(At(0.50), At(0.99), At(0.999), ticks.Average() * nanosecondsPerTick);
    }
}
