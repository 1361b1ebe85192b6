using Grainflow.Streaming.Coordination;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>One wordcount job run: wall time from launch to the final commit, output size, and every completed checkpoint.</summary>
internal sealed record EngineRunResult(TimeSpan Elapsed, long Words, long OutputBytes, IReadOnlyList<CompletedCheckpointInfo> Checkpoints)
{
    public double WordsPerSecond => Words / Elapsed.TotalSeconds;

    /// <summary>The longest synchronous pause any keyed task (those with state) reported at any barrier.</summary>
    public TimeSpan MaxSynchronousPause => Max(t => t.StateBytes > 0 ? t.Synchronous : TimeSpan.Zero);

    public TimeSpan MaxAlignment => Max(t => t.Alignment);

    public TimeSpan MaxAsynchronous => Max(t => t.Asynchronous);

    public TimeSpan MaxCheckpointDuration => Checkpoints.Count == 0 ? TimeSpan.Zero : Checkpoints.Max(c => c.Duration);

    public long FinalStateBytes => Checkpoints.Count == 0 ? 0 : Checkpoints[^1].StateBytes;

    private TimeSpan Max(Func<TaskCheckpointTimings, TimeSpan> select) =>
        Checkpoints.SelectMany(c => c.Tasks.Values).Select(select).DefaultIfEmpty(TimeSpan.Zero).Max();
}
