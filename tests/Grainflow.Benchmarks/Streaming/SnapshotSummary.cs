namespace Grainflow.Benchmarks.Streaming;

/// <summary>A state-backend snapshot: the synchronous capture, the asynchronous write, the bytes written (medians over rounds), and the GC pauses inside the capture.</summary>
internal sealed record SnapshotSummary(int Keys, TimeSpan Synchronous, TimeSpan MaxSynchronous, TimeSpan Asynchronous, TimeSpan Total, long Bytes, TimeSpan MaxGcPauseInCapture);
