using System.Diagnostics;
using Orleans.Streams;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>One producer: appends to its stream, awaiting each append before the next, until a deadline.</summary>
internal static class AppendLoop
{
    // Orleans' memory stream queue grain refuses an append while it holds this many (MemoryStreamQueueGrain.MaxEventCount).
    private const string QueueFullMessage = "Can not enqueue since the count has reached its maximum";
    private static readonly TimeSpan s_queueFullPause = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Appends until <paramref name="end"/> (a <see cref="Stopwatch"/> timestamp) has passed. A grain passes
    /// <paramref name="onGrainScheduler"/> true, so that its turns stay on its scheduler. An append that a memory
    /// stream refuses because its queue is full (its pulling agents are behind) is retried after a pause and counted:
    /// the rate is then what the agents sustain, as for an application that must not lose the event.
    /// </summary>
    public static async Task<ProducerResult> RunAsync(IAsyncStream<string> stream, int eventsPerCall, long end, bool onGrainScheduler)
    {
        long calls = 0;
        long retries = 0;
        do
        {
            try
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
            catch (InvalidOperationException exception) when (exception.Message.StartsWith(QueueFullMessage, StringComparison.Ordinal))
            {
                retries++;
                await Task.Delay(s_queueFullPause).ConfigureAwait(onGrainScheduler);
            }
        }
        while (Stopwatch.GetTimestamp() < end);

        return new ProducerResult(calls, retries);
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp <paramref name="duration"/> from now.</summary>
    public static long Deadline(TimeSpan duration) => Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
}
