using System.Diagnostics;
using Orleans.Streams;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>One producer: appends to its stream, awaiting each append before the next, until a deadline.</summary>
internal static class AppendLoop
{
    /// <summary>
    /// Appends until <paramref name="end"/> (a <see cref="Stopwatch"/> timestamp) has passed; returns the number of
    /// append calls. A grain passes <paramref name="onGrainScheduler"/> true, so that its turns stay on its scheduler.
    /// </summary>
    public static async Task<long> RunAsync(IAsyncStream<string> stream, int eventsPerCall, long end, bool onGrainScheduler)
    {
        long calls = 0;
        do
        {
            if (eventsPerCall == 1)
            {
                await stream.OnNextAsync(AppendLines.Line(calls)).ConfigureAwait(onGrainScheduler);
            }
            else
            {
                await stream.OnNextBatchAsync(AppendLines.Batch(calls)).ConfigureAwait(onGrainScheduler);
            }

            calls++;
        }
        while (Stopwatch.GetTimestamp() < end);

        return calls;
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp <paramref name="duration"/> from now.</summary>
    public static long Deadline(TimeSpan duration) => Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
}
