namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// A state file is missing or its bytes do not match the length and checksum recorded in its
/// <see cref="StateHandle"/>. The state must not be applied.
/// </summary>
public sealed class CheckpointIntegrityException : IOException
{
    /// <summary>Creates the exception without details.</summary>
    public CheckpointIntegrityException()
        : base("A checkpoint state file failed verification.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CheckpointIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CheckpointIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the damaged object <paramref name="path"/>.</summary>
    public CheckpointIntegrityException(string message, string path)
        : base(message) => Path = path;

    /// <summary>The damaged object, when known.</summary>
    public string? Path { get; }
}
