namespace Grainflow.Benchmarks.Streaming;

/// <summary>The many-keys runs: the checked and unchecked job runs by pair (same index, same pair), and the plain dictionary's memory.</summary>
internal sealed record ManyKeysSummary(
    IReadOnlyList<ManyKeysRun> Checked,
    IReadOnlyList<ManyKeysRun> Unchecked,
    long DictionaryPeakBytes,
    long DictionaryHeapBytes)
{
    /// <summary>Checked over unchecked window throughput, per pair (runs next to each other see the same machine).</summary>
    public IEnumerable<double> ThroughputRatios => Checked.Zip(Unchecked, (c, u) => c.WindowWordsPerSecond / u.WindowWordsPerSecond);

    /// <summary>Processor time per word, checked over unchecked, per pair: the checkpoints' cost in work rather than wall time.</summary>
    public IEnumerable<double> CpuRatios => Checked.Zip(Unchecked, (c, u) => c.WindowCpuNanosecondsPerWord / u.WindowCpuNanosecondsPerWord);

    /// <summary>The fewest periodic checkpoints any checked run completed inside its window.</summary>
    public int FewestWindowCheckpoints => Checked.Min(r => r.WindowCheckpoints);
}
