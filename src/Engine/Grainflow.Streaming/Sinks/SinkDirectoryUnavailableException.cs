namespace Grainflow.Streaming.Sinks;

/// <summary>
/// A sink's output directory cannot be created or written: a configuration error (wrong path, a file in the way,
/// missing permissions), not a transient fault, so callers should stop rather than retry. The silo maps it to
/// exit code 2.
/// </summary>
public sealed class SinkDirectoryUnavailableException : IOException
{
    /// <summary>Initializes the exception.</summary>
    public SinkDirectoryUnavailableException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public SinkDirectoryUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and the exception that caused it.</summary>
    public SinkDirectoryUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the exception for the directory <paramref name="directoryPath"/>.</summary>
    public SinkDirectoryUnavailableException(string directoryPath, string message, Exception innerException)
        : base(message, innerException)
    {
        DirectoryPath = directoryPath;
    }

    /// <summary>Gets the full path of the output directory, when known.</summary>
    public string? DirectoryPath { get; }
}
