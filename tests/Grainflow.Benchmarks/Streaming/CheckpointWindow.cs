using System.Diagnostics;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Coordination;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// The steady part of a run over <see cref="WordInputGenerator.WriteRounds"/> input: from the first sample at which
/// the keyed tasks had taken in the whole first round (every key is in the state from then on) to the last sample
/// before they had taken in everything (so neither start-up nor the final checkpoint is in it). Throughput is the
/// records taken in between the two samples over the time between them; the checkpoints counted are those
/// triggered and completed inside the window.
/// </summary>
internal sealed record CheckpointWindow(long Records, TimeSpan Elapsed, TimeSpan CpuTime, IReadOnlyList<CompletedCheckpointInfo> Checkpoints)
{
    public double WordsPerSecond => Records / Elapsed.TotalSeconds;

    public double CpuNanosecondsPerWord => CpuTime.TotalNanoseconds / Records;

    /// <summary>The longest synchronous part any task reported for a checkpoint of the window (a source's includes sending the barrier through).</summary>
    public TimeSpan MaxSynchronous => Max(_ => true);

    /// <summary>The longest synchronous part a keyed (counting) task reported: the capture of its state at the barrier.</summary>
    public TimeSpan MaxKeyedSynchronous => Max(IsCountTask);

    /// <summary>The longest synchronous part a source task reported: emitting the barrier, which waits until the keyed tasks took it.</summary>
    public TimeSpan MaxSourceSynchronous => Max(task => !IsCountTask(task));

    public TimeSpan MaxAlignment => Timings(_ => true).Select(t => t.Alignment).DefaultIfEmpty().Max();

    public TimeSpan MaxAsynchronous => Timings(_ => true).Select(t => t.Asynchronous).DefaultIfEmpty().Max();

    public TimeSpan MaxDuration => Checkpoints.Select(c => c.Duration).DefaultIfEmpty().Max();

    public long MaxStateBytes => Checkpoints.Select(c => c.StateBytes).DefaultIfEmpty().Max();

    /// <summary>The window of <paramref name="run"/> once <paramref name="firstRoundRecords"/> records were taken in.</summary>
    public static CheckpointWindow Of(EngineRunResult run, long firstRoundRecords)
    {
        var start = run.Samples.FirstOrDefault(s => s.KeyedRecords >= firstRoundRecords);
        var end = run.Samples.LastOrDefault(s => s.KeyedRecords < run.Words);
        if (start is null || end is null || end.Timestamp <= start.Timestamp)
        {
            throw new InvalidOperationException(
                $"The run has no steady window: {run.Samples.Count} samples, none both after the first {firstRoundRecords:#,0} records and before the last.");
        }

        var checkpoints = run.Checkpoints
            .Where(c => c.TriggeredAt >= start.WallClock && c.TriggeredAt + c.Duration <= end.WallClock)
            .ToList();
        return new CheckpointWindow(end.KeyedRecords - start.KeyedRecords, Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp), end.CpuTime - start.CpuTime, checkpoints);
    }

    private static bool IsCountTask(string taskId) => taskId.StartsWith(WordCountJob.CountOperatorId + "/", StringComparison.Ordinal);

    private TimeSpan Max(Func<string, bool> tasks) => Checkpoints
        .SelectMany(c => c.Tasks.Where(t => tasks(t.Key)).Select(t => t.Value.Synchronous))
        .DefaultIfEmpty()
        .Max();

    private IEnumerable<TaskCheckpointTimings> Timings(Func<string, bool> tasks) =>
        Checkpoints.SelectMany(c => c.Tasks.Where(t => tasks(t.Key)).Select(t => t.Value));
}
