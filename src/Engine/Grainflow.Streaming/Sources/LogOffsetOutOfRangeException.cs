namespace Grainflow.Streaming.Sources;

/// <summary>
/// Thrown when a reader is positioned before the first retained offset of a partition (the records were deleted by
/// retention) or after its end.
/// </summary>
public sealed class LogOffsetOutOfRangeException : ArgumentOutOfRangeException
{
    /// <summary>Initializes the exception.</summary>
    public LogOffsetOutOfRangeException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public LogOffsetOutOfRangeException(string message)
        : base(null, message)
    {
    }

    /// <summary>Initializes the exception with a message and the exception that caused it.</summary>
    public LogOffsetOutOfRangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the exception for a requested offset outside the retained range of a partition.</summary>
    public LogOffsetOutOfRangeException(int partition, long offset, LogPartitionBounds bounds)
        : base(nameof(offset), Describe(partition, offset, bounds))
    {
        Partition = partition;
        Offset = offset;
        Bounds = bounds;
    }

    /// <summary>Gets the partition that was read.</summary>
    public int Partition { get; }

    /// <summary>Gets the requested offset.</summary>
    public long Offset { get; }

    /// <summary>Gets the retained range of the partition when the request was made.</summary>
    public LogPartitionBounds Bounds { get; }

    private static string Describe(int partition, long offset, LogPartitionBounds bounds)
    {
        var where = offset < bounds.FirstOffset
            ? "before the first retained offset"
            : "after the end of the partition";
        return $"Offset {offset} of partition {partition} is {where}; retained offsets are "
            + $"[{bounds.FirstOffset}, {bounds.NextOffset}).";
    }
}
