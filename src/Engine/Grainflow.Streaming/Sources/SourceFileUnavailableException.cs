namespace Grainflow.Streaming.Sources;

/// <summary>Thrown when a file-based source cannot open or read its file (missing, a directory, no permission, I/O error).</summary>
public sealed class SourceFileUnavailableException : IOException
{
    /// <summary>Initializes the exception.</summary>
    public SourceFileUnavailableException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public SourceFileUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and the exception that caused it.</summary>
    public SourceFileUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the exception for a file that could not be opened or read.</summary>
    public SourceFileUnavailableException(string filePath, string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>Initializes the exception for a file whose content does not fit what the job expects.</summary>
    public SourceFileUnavailableException(string filePath, string message)
        : base(message)
    {
        FilePath = filePath;
    }

    /// <summary>Gets the path of the file, when known.</summary>
    public string? FilePath { get; }
}
