namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>A checkpoint recovery passed over because it is damaged.</summary>
/// <param name="CheckpointId">The checkpoint skipped.</param>
/// <param name="DamagedPath">The object that failed: the manifest or a state file.</param>
/// <param name="Reason">What was wrong, naming the object.</param>
public sealed record SkippedCheckpoint(long CheckpointId, string DamagedPath, string Reason);
