using Grainflow.Benchmarks.Harness;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>What a <c>streaming-child-engine</c> process reported: its steady window, its checkpoints, its memory.</summary>
internal sealed record ManyKeysRun(
    long PeakBytes,
    long HeapBytes,
    double GcPauseMs,
    int Gen2Collections,
    double RunSeconds,
    int CompletedCheckpoints,
    int FailedCheckpoints,
    long WindowRecords,
    double WindowSeconds,
    double WindowCpuSeconds,
    int WindowCheckpoints,
    double MaxSynchronousMs,
    double MaxKeyedSynchronousMs,
    double MaxSourceSynchronousMs,
    double MaxAlignmentMs,
    double MaxAsynchronousMs,
    double MaxDurationMs,
    long MaxStateBytes)
{
    public double WindowWordsPerSecond => WindowRecords / WindowSeconds;

    public double WindowCpuNanosecondsPerWord => WindowCpuSeconds * 1e9 / WindowRecords;

    public static ManyKeysRun From(ChildResult result) => new(
        (long)result["peak"],
        (long)result["heap"],
        result["gcPauseMs"],
        (int)result["gen2"],
        result["runSeconds"],
        (int)result["completed"],
        (int)result["failed"],
        (long)result["windowRecords"],
        result["windowSeconds"],
        result["windowCpuSeconds"],
        (int)result["windowCheckpoints"],
        result["maxSynchronousMs"],
        result["maxKeyedSynchronousMs"],
        result["maxSourceSynchronousMs"],
        result["maxAlignmentMs"],
        result["maxAsynchronousMs"],
        result["maxDurationMs"],
        (long)result["maxStateBytes"]);
}
