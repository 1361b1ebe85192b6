namespace Grainflow.Benchmarks.Streaming;

/// <summary>A state-backend snapshot: the synchronous capture, the asynchronous write, and the bytes written (medians over rounds).</summary>
internal sealed record SnapshotSummary(int Keys, TimeSpan Synchronous, TimeSpan MaxSynchronous, TimeSpan Asynchronous, TimeSpan Total, long Bytes);
