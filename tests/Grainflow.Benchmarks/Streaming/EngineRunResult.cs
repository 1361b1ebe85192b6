using Grainflow.Streaming.Coordination;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// One wordcount job run: wall and processor time from start to outcome, output size, every completed checkpoint
/// (final one included) as the coordinator reported them, its counts of completed and failed checkpoints, and the
/// keyed tasks' record counts sampled during the run (when asked for).
/// </summary>
internal sealed record EngineRunResult(
    TimeSpan Elapsed,
    TimeSpan CpuTime,
    long Words,
    long OutputBytes,
    IReadOnlyList<CompletedCheckpointInfo> Checkpoints,
    int CompletedCheckpoints,
    int FailedCheckpoints,
    IReadOnlyList<RecordSample> Samples)
{
    public double WordsPerSecond => Words / Elapsed.TotalSeconds;

    /// <summary>Processor time of the whole process (every thread) per word: far less sensitive than wall time to other load on the machine.</summary>
    public double CpuNanosecondsPerWord => CpuTime.TotalNanoseconds / Words;
}
