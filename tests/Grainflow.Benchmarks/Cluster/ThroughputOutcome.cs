namespace Grainflow.Benchmarks.Cluster;

/// <summary>
/// The wordcount job over the same input on a cluster of <see cref="Silos"/> serve processes: <see cref="Words"/>
/// counted in <see cref="Elapsed"/>, using <see cref="ProcessorTime"/> of the silo processes together, with
/// <see cref="CrossingShare"/> of the words sent from a source task to a counting task on another silo. A run whose
/// window was too short to time has a <see cref="Refusal"/> saying why, and no figures.
/// </summary>
internal sealed record ThroughputOutcome(int Silos, long Words, TimeSpan Elapsed, TimeSpan ProcessorTime, double CrossingShare, string? Refusal = null)
{
    public double WordsPerSecond => Words / Elapsed.TotalSeconds;

    public double ProcessorMicrosecondsPerWord => ProcessorTime.TotalMicroseconds / Words;
}
