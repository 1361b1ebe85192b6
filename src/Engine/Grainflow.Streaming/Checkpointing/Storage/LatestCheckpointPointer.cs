namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>The content of a job's <c>_latest</c> pointer: which checkpoint is published.</summary>
/// <param name="FormatVersion">The pointer format.</param>
/// <param name="CheckpointId">The published checkpoint.</param>
/// <param name="Published">The most recently published checkpoints, newest first, this one included; null in
/// pointers written before it was recorded. A manifest is not enough to tell: a coordinator can die between writing
/// one and moving the pointer, and a later coordinator publishes past it.</param>
internal sealed record LatestCheckpointPointer(int FormatVersion, long CheckpointId, IReadOnlyList<long>? Published = null);
