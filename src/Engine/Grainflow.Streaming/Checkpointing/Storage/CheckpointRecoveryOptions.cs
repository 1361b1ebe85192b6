namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>Options of <see cref="CheckpointManager.LoadLatestValidAsync(CheckpointRecoveryOptions, CancellationToken)"/>.</summary>
public sealed class CheckpointRecoveryOptions
{
    /// <summary>
    /// Accepts falling back past a damaged checkpoint whose output may already be committed (or starting empty
    /// when every checkpoint is damaged): the replay then writes that output again. False by default, and then
    /// recovery throws <see cref="DamagedCheckpointException"/> instead. The sinks must be told too
    /// (<c>SinkRecoveryOptions.AllowDuplicateOutput</c>), or they refuse the output they already hold.
    /// </summary>
    public bool AllowFallbackWithDuplicates { get; init; }

    /// <summary>
    /// The caller can replay exactly past a damaged checkpoint (see <see cref="CheckpointRecoveryResult.ReplayThrough"/>):
    /// when the newest damaged checkpoint's manifest is readable, an older one verifies and every source partition of
    /// the older one has an offset in the damaged one at or after its own, recovery returns the older checkpoint with
    /// the damaged one's manifest instead of refusing. Preferred over <see cref="AllowFallbackWithDuplicates"/>, which
    /// still applies where replaying exactly is impossible. Never with <see cref="SupersedingSavepointId"/>. False by default.
    /// </summary>
    public bool ReplayPastDamagedCheckpoint { get; init; }

    /// <summary>
    /// The checkpoint id of a savepoint this start restores instead, or null. A checkpoint of the location that was
    /// taken from another topology at or before that id is superseded by the savepoint (a rescale, or a new version of
    /// the job started from a savepoint of the old one): recovery stops there and finds no checkpoint, so the savepoint
    /// is restored, instead of refusing the location. A newer checkpoint of another topology is refused as ever.
    /// </summary>
    public long? SupersedingSavepointId { get; init; }
}
