namespace Grainflow.Benchmarks.Streaming;

/// <summary>One interleaved round of the idiomatic comparison: Grainflow's wordcount and the grain-per-word version over the same input.</summary>
internal sealed record IdiomaticSample(EngineRunResult Grainflow, PlainRunResult Idiomatic)
{
    public double Ratio => Grainflow.WordsPerSecond / Idiomatic.WordsPerSecond;
}
