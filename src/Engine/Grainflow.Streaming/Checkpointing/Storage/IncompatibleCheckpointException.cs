namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// The checkpoint directory holds checkpoints of another job, of another topology, or in a manifest format
/// this build cannot read. Recovery refuses rather than restoring foreign state or silently starting empty.
/// </summary>
public sealed class IncompatibleCheckpointException : Exception
{
    /// <summary>Creates the exception without details.</summary>
    public IncompatibleCheckpointException()
        : base("The checkpoint is not compatible with this job.")
    {
    }

    /// <summary>Creates the exception with a message that says what to do.</summary>
    public IncompatibleCheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public IncompatibleCheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
