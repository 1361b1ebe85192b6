using System.Globalization;

namespace Grainflow.Streaming.Sources;

/// <summary>
/// A line of a text source is longer than the source's limit (<see cref="TextFileSource.DefaultMaxLineLength"/>, 16 MiB,
/// unless configured otherwise). Not transient: the input must be split or the limit raised.
/// </summary>
public sealed class SourceLineTooLongException : IOException
{
    /// <summary>Initializes the exception.</summary>
    public SourceLineTooLongException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public SourceLineTooLongException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and the exception that caused it.</summary>
    public SourceLineTooLongException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the exception for the line at <paramref name="position"/> of <paramref name="filePath"/>.</summary>
    public SourceLineTooLongException(string filePath, long position, int maxLineLength)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"The line at byte position {position} of '{filePath}' is longer than the limit of {Describe(maxLineLength)}; split the input into shorter lines."))
    {
        FilePath = filePath;
        Position = position;
        MaxLineLength = maxLineLength;
    }

    /// <summary>Gets the path of the file, when known.</summary>
    public string? FilePath { get; }

    /// <summary>Gets the byte position where the long line starts.</summary>
    public long Position { get; }

    /// <summary>Gets the limit in bytes.</summary>
    public int MaxLineLength { get; }

    private static string Describe(int bytes) =>
        bytes % (1024 * 1024) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB ({bytes} bytes)")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
