namespace Grainflow.Benchmarks.Streaming;

/// <summary>What the job itself reported about its checkpoints (<c>CompletedCheckpointInfo</c> and its per-task timings), summarized.</summary>
internal sealed record JobCheckpointFigures(
    int Checkpoints,
    double MaxSynchronousMs,
    double MaxAlignmentMs,
    double MaxAsynchronousMs,
    double MaxDurationMs,
    long FinalStateBytes)
{
    public static JobCheckpointFigures Of(EngineRunResult run) => new(
        run.Checkpoints.Count,
        run.MaxSynchronousPause.TotalMilliseconds,
        run.MaxAlignment.TotalMilliseconds,
        run.MaxAsynchronous.TotalMilliseconds,
        run.MaxCheckpointDuration.TotalMilliseconds,
        run.FinalStateBytes);

    public static JobCheckpointFigures From(ChildResult result) => new(
        (int)result[nameof(Checkpoints)],
        result[nameof(MaxSynchronousMs)],
        result[nameof(MaxAlignmentMs)],
        result[nameof(MaxAsynchronousMs)],
        result[nameof(MaxDurationMs)],
        (long)result[nameof(FinalStateBytes)]);

    public IEnumerable<(string Name, double Value)> ToValues() =>
    [
        (nameof(Checkpoints), Checkpoints),
        (nameof(MaxSynchronousMs), MaxSynchronousMs),
        (nameof(MaxAlignmentMs), MaxAlignmentMs),
        (nameof(MaxAsynchronousMs), MaxAsynchronousMs),
        (nameof(MaxDurationMs), MaxDurationMs),
        (nameof(FinalStateBytes), FinalStateBytes),
    ];
}
