namespace Grainflow.Streaming.Sources;

/// <summary>
/// Thrown when stored log data is damaged where it cannot be an interrupted append: a bad record in a sealed
/// segment, a bad segment header, or a gap between segments. Reading cannot continue past it.
/// </summary>
public sealed class LogCorruptedException : IOException
{
    /// <summary>Initializes the exception.</summary>
    public LogCorruptedException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public LogCorruptedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and the exception that caused it.</summary>
    public LogCorruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the exception for damage found in a file at a byte position.</summary>
    public LogCorruptedException(string filePath, long filePosition, string problem)
        : base($"Log file '{filePath}' is corrupted at byte position {filePosition}: {problem}")
    {
        FilePath = filePath;
        FilePosition = filePosition;
    }

    /// <summary>Gets the damaged file, when known.</summary>
    public string? FilePath { get; }

    /// <summary>Gets the byte position of the damage in <see cref="FilePath"/>, when known.</summary>
    public long FilePosition { get; }
}
