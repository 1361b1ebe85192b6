namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// Another process runs the job on this checkpoint location: the job must not start here. Not transient while the
/// other process lives; the silo maps it to exit code 2.
/// </summary>
public sealed class CheckpointLocationLockedException : IOException
{
    /// <summary>Creates the exception without details.</summary>
    public CheckpointLocationLockedException()
        : base("Another process runs the job on this checkpoint location.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CheckpointLocationLockedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CheckpointLocationLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for job <paramref name="jobId"/>.</summary>
    public CheckpointLocationLockedException(string message, string jobId, Exception innerException)
        : base(message, innerException) => JobId = jobId;

    /// <summary>The job whose location is locked, when known.</summary>
    public string? JobId { get; }
}
