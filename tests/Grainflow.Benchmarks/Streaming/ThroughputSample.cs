namespace Grainflow.Benchmarks.Streaming;

/// <summary>One interleaved round of the throughput probe: the job with and without periodic checkpoints, and the plain loop.</summary>
internal sealed record ThroughputSample(EngineRunResult Checked, EngineRunResult Unchecked, PlainRunResult Plain)
{
    /// <summary>Checked over unchecked throughput of this round: runs next to each other see the same machine.</summary>
    public double CheckedRatio => Checked.WordsPerSecond / Unchecked.WordsPerSecond;

    public double Efficiency => Checked.WordsPerSecond / Plain.WordsPerSecond;

    /// <summary>Processor time per word, checked over unchecked: the checkpoints' cost in work rather than in wall time.</summary>
    public double CheckedCpuRatio => Checked.CpuNanosecondsPerWord / Unchecked.CpuNanosecondsPerWord;

    public double UncheckedEfficiency => Unchecked.WordsPerSecond / Plain.WordsPerSecond;
}
