namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>The records (append calls) and events of one stream.</summary>
internal readonly record struct StreamCount(long Records, long Events);
