namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>The content of a job's <c>_latest</c> pointer: which checkpoint is published.</summary>
internal sealed record LatestCheckpointPointer(int FormatVersion, long CheckpointId);
