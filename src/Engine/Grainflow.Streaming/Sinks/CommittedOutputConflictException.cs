namespace Grainflow.Streaming.Sinks;

/// <summary>
/// A file sink refused to touch committed output: either an epoch's final file already exists (committing would
/// replace it), or recovery found committed epochs newer than the checkpoint being restored (replaying from it
/// would write that output a second time). Not transient: the job must not start until an operator chooses (a
/// fresh output directory, the checkpoint location that produced the output, or accepting repeated output).
/// The silo maps it to exit code 2.
/// </summary>
public sealed class CommittedOutputConflictException : IOException
{
    /// <summary>Initializes the exception.</summary>
    public CommittedOutputConflictException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public CommittedOutputConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and the exception that caused it.</summary>
    public CommittedOutputConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the exception for the committed file <paramref name="filePath"/> of epoch <paramref name="epoch"/>.</summary>
    public CommittedOutputConflictException(string message, string filePath, long epoch)
        : base(message)
    {
        FilePath = filePath;
        Epoch = epoch;
    }

    /// <summary>Gets the full path of the committed file in the way, when known.</summary>
    public string? FilePath { get; }

    /// <summary>Gets that file's epoch, or 0 when unknown.</summary>
    public long Epoch { get; }
}
