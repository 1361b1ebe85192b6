namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>What one producer did: append calls completed, and appends refused because a memory stream queue was full (each retried).</summary>
[GenerateSerializer]
[Immutable]
public sealed record ProducerResult([property: Id(0)] long Calls, [property: Id(1)] long QueueFullRetries);
