namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// A create-only write found the object present, or a conditional write found a version other than the
/// expected one: another writer (typically a second coordinator of the same job) won. The losing operation
/// changed nothing. Not transient: retrying with the same expectation fails again.
/// </summary>
public sealed class CheckpointConflictException : Exception
{
    /// <summary>Creates the exception without details.</summary>
    public CheckpointConflictException()
        : base("A checkpoint storage write conflicted with another writer.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CheckpointConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the storage error that reported the conflict.</summary>
    public CheckpointConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the object <paramref name="path"/>.</summary>
    public CheckpointConflictException(string message, string path)
        : base(message) => Path = path;

    /// <summary>Creates the exception for the object <paramref name="path"/>, with its cause.</summary>
    public CheckpointConflictException(string message, string path, Exception innerException)
        : base(message, innerException) => Path = path;

    /// <summary>The object the conflict is on, when known.</summary>
    public string? Path { get; }
}
