namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>Options of a <see cref="CheckpointManager"/>.</summary>
public sealed class CheckpointManagerOptions
{
    /// <summary>
    /// How many completed checkpoints to keep, the latest included; at least 1. More than one lets recovery fall
    /// back when the latest is damaged. Default 3.
    /// </summary>
    public int RetainedCheckpoints { get; set; } = 3;
}
