using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Coordination;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>One wordcount job run: wall and processor time from launch to the final commit, output size, and every completed checkpoint.</summary>
internal sealed record EngineRunResult(TimeSpan Elapsed, TimeSpan CpuTime, long Words, long OutputBytes, IReadOnlyList<CompletedCheckpointInfo> Checkpoints)
{
    public double WordsPerSecond => Words / Elapsed.TotalSeconds;

    /// <summary>Processor time of the whole process (every thread) per word: far less sensitive than wall time to other load on the machine.</summary>
    public double CpuNanosecondsPerWord => CpuTime.TotalNanoseconds / Words;

    /// <summary>The longest synchronous pause any keyed task (those with state) reported at any barrier.</summary>
    public TimeSpan MaxSynchronousPause => Max(t => t.StateBytes > 0 ? t.Synchronous : TimeSpan.Zero);

    /// <summary>
    /// How long the source stood still at barriers, summed over the run: its synchronous part covers sending the
    /// barrier and waiting until every keyed task handled it (capture and sink pre-commit included).
    /// </summary>
    public TimeSpan SourceBarrierStall => TimeSpan.FromTicks(Checkpoints
        .SelectMany(c => c.Tasks.Where(t => !t.Key.StartsWith(WordCountJob.CountOperatorId + "/", StringComparison.Ordinal)))
        .Sum(t => t.Value.Synchronous.Ticks));

    public TimeSpan MaxAlignment => Max(t => t.Alignment);

    public TimeSpan MaxAsynchronous => Max(t => t.Asynchronous);

    public TimeSpan MaxCheckpointDuration => Checkpoints.Count == 0 ? TimeSpan.Zero : Checkpoints.Max(c => c.Duration);

    public long FinalStateBytes => Checkpoints.Count == 0 ? 0 : Checkpoints[^1].StateBytes;

    private TimeSpan Max(Func<TaskCheckpointTimings, TimeSpan> select) =>
        Checkpoints.SelectMany(c => c.Tasks.Values).Select(select).DefaultIfEmpty(TimeSpan.Zero).Max();
}
