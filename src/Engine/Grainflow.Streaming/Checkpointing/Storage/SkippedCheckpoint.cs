namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>A checkpoint recovery passed over because it is damaged.</summary>
/// <param name="CheckpointId">The checkpoint skipped.</param>
/// <param name="DamagedPath">The object that failed: the manifest or a state file.</param>
/// <param name="Reason">What was wrong, naming the object.</param>
/// <param name="MayHaveCommittedOutput">False only when the damaged checkpoint's manifest is readable and records no sink
/// output: then falling back past it repeats nothing.</param>
/// <param name="Manifest">The checkpoint's manifest when it is readable (only a state file is damaged), or null: its source
/// offsets are where a replay from an older checkpoint must stop to recover exactly.</param>
public sealed record SkippedCheckpoint(
    long CheckpointId, string DamagedPath, string Reason, bool MayHaveCommittedOutput = true, CheckpointManifest? Manifest = null);
