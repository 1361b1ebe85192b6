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
}
