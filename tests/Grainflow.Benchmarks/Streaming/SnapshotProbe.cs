using System.Diagnostics;
using Grainflow.Benchmarks.Harness;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.KeyGroups;
using Grainflow.Streaming.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// Measures a snapshot directly on the engine's state backend, as one keyed task holding every key would take
/// it: <see cref="KeyedStateBackend{TKey}.CaptureSnapshot"/> is the pause at the barrier (the task processes
/// nothing meanwhile); writing the snapshot through <see cref="CheckpointManager.WriteStateAsync"/> to local
/// storage (checksummed, flushed to disk, renamed into place) is the asynchronous part.
/// </summary>
internal static class SnapshotProbe
{
    private const int MaxParallelism = KeyGroupAssignment.DefaultMaxParallelism;

    public static async Task<SnapshotSummary> MeasureAsync(int keys, int rounds, string checkpointDirectory)
    {
        var backend = new KeyedStateBackend<string>(
            WordCountJob.CountOperatorId, new KeyGroupRange(0, MaxParallelism - 1), MaxParallelism, KeyHashers.For<string>());
        var count = backend.GetValueState<long>(WordCountJob.CountStateName);
        var words = WordInputGenerator.Vocabulary(keys, seed: 3);
        for (var i = 0; i < words.Length; i++)
        {
            backend.CurrentKey = words[i];
            count.Update(i + 1);
        }

        var manager = new CheckpointManager(
            new LocalCheckpointStorage(checkpointDirectory), "snapshot-probe", "snapshot-probe", NullLogger<CheckpointManager>.Instance);
        var taskKey = new TaskStateKey(WordCountJob.CountOperatorId, 0, MaxParallelism - 1);
        var synchronous = new List<TimeSpan>();
        var asynchronous = new List<TimeSpan>();
        long bytes = 0;
        var maxGcPause = TimeSpan.Zero;
        for (var round = 1; round <= rounds; round++)
        {
            Collect();
            var gcPauseBefore = GC.GetTotalPauseDuration();
            var started = Stopwatch.GetTimestamp();
            using var snapshot = backend.CaptureSnapshot();
            var captured = Stopwatch.GetTimestamp();
            maxGcPause = TimeSpan.FromTicks(Math.Max(maxGcPause.Ticks, (GC.GetTotalPauseDuration() - gcPauseBefore).Ticks));
            var handle = await manager.WriteStateAsync(round, taskKey, (stream, _) =>
            {
                snapshot.WriteTo(stream);
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
            synchronous.Add(Stopwatch.GetElapsedTime(started, captured));
            asynchronous.Add(Stopwatch.GetElapsedTime(captured));
            bytes = handle.Length;
            if (snapshot.EntryCount != keys)
            {
                throw new InvalidOperationException($"The snapshot holds {snapshot.EntryCount:#,0} entries; {keys:#,0} keys were written.");
            }
        }

        GC.KeepAlive(backend);
        var sync = Statistics.Median(synchronous);
        var async = Statistics.Median(asynchronous);
        return new SnapshotSummary(keys, sync, synchronous.Max(), async, Statistics.Median(synchronous.Zip(asynchronous, (s, a) => s + a)), bytes, maxGcPause);
    }

    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
