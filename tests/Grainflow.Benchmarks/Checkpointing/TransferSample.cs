namespace Grainflow.Benchmarks.Checkpointing;

/// <summary>One round at one size: the raw request and the snapshot path, each for upload and restore.</summary>
internal sealed record TransferSample(TimeSpan RawPut, TimeSpan SnapshotUpload, TimeSpan RawGet, TimeSpan SnapshotRestore);
