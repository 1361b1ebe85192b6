namespace Grainflow.Benchmarks.Streaming;

/// <summary>One interleaved round of the throughput probe: the job with and without periodic checkpoints, and the plain loop.</summary>
internal sealed record ThroughputSample(EngineRunResult Checked, EngineRunResult Unchecked, PlainRunResult Plain);
