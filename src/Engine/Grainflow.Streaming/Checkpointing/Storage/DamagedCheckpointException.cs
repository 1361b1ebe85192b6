namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// Recovery refused to fall back past a damaged checkpoint whose output may already be committed: restoring an
/// older checkpoint (or none) would write that output a second time. The message names the damaged object and the
/// choices: restore a savepoint, or accept repeated output with
/// <see cref="CheckpointRecoveryOptions.AllowFallbackWithDuplicates"/>. Not transient; the silo maps it to exit code 2.
/// </summary>
public sealed class DamagedCheckpointException : IOException
{
    /// <summary>Creates the exception without details.</summary>
    public DamagedCheckpointException()
        : base("The newest checkpoint is damaged and its output may already be committed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DamagedCheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DamagedCheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for damaged checkpoint <paramref name="checkpointId"/>.</summary>
    public DamagedCheckpointException(string message, long checkpointId, string damagedPath, long? fallbackCheckpointId)
        : base(message)
    {
        CheckpointId = checkpointId;
        DamagedPath = damagedPath;
        FallbackCheckpointId = fallbackCheckpointId;
    }

    /// <summary>The newest damaged checkpoint.</summary>
    public long CheckpointId { get; }

    /// <summary>The object of it that failed: its manifest or a state file.</summary>
    public string? DamagedPath { get; }

    /// <summary>The checkpoint recovery would have fallen back to, or null for an empty start.</summary>
    public long? FallbackCheckpointId { get; }
}
