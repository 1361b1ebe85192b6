namespace Grainflow.Benchmarks.Runtime.Harness;

/// <summary>The outcome of a throughput run: calls made, wall time, and bytes allocated per call over all threads.</summary>
internal sealed record ThroughputSummary(long Calls, TimeSpan Elapsed, double CallsPerSecond, double BytesPerCall);
