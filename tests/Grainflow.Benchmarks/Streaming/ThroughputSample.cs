namespace Grainflow.Benchmarks.Streaming;

/// <summary>One interleaved round of the throughput probe: the job (checkpoints every second) and the plain loop over the same input.</summary>
internal sealed record ThroughputSample(EngineRunResult Engine, PlainRunResult Plain)
{
    /// <summary>Wordcount throughput over the plain loop's, this round: runs next to each other see the same machine.</summary>
    public double Efficiency => Engine.WordsPerSecond / Plain.WordsPerSecond;
}
