namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>The outcome of <see cref="CheckpointManager.LoadLatestValidAsync(CheckpointRecoveryOptions, CancellationToken)"/>.</summary>
/// <param name="Manifest">The newest published checkpoint whose manifest and state files verify, or
/// <see langword="null"/> if there is none and the job starts empty.</param>
/// <param name="LatestVersion">The version of the latest pointer as read, or <see langword="null"/> if there is
/// no pointer. Pass it to the next <see cref="CheckpointManager.PublishAsync"/>.</param>
/// <param name="HighestCheckpointId">The highest checkpoint id present in any form (published, damaged, aborted
/// or in flight), or 0. The next checkpoint must use a larger id.</param>
/// <param name="Skipped">The damaged checkpoints passed over, newest first.</param>
/// <param name="Warnings">Every warning recovery logged, in order.</param>
/// <param name="ReplayThrough">
/// The manifest of the newest checkpoint, damaged but with a readable manifest, whose output may be committed, when
/// recovery chose to replay exactly past it (<see cref="CheckpointRecoveryOptions.ReplayPastDamagedCheckpoint"/>):
/// restore <paramref name="Manifest"/>'s state and offsets, read every source partition up to this manifest's offset
/// and no further, drop what the sinks receive before the first checkpoint taken there (they committed it already),
/// and recover the sinks as of this checkpoint. Null otherwise.
/// </param>
public sealed record CheckpointRecoveryResult(
    CheckpointManifest? Manifest,
    StorageVersion? LatestVersion,
    long HighestCheckpointId,
    IReadOnlyList<SkippedCheckpoint> Skipped,
    IReadOnlyList<string> Warnings,
    CheckpointManifest? ReplayThrough = null);
