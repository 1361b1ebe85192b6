namespace Grainflow.Streaming.Sources;

/// <summary>Options of a <see cref="SegmentLog"/>.</summary>
public sealed class SegmentLogOptions
{
    /// <summary>
    /// Gets or sets the number of partitions. Used when the log is created (1 when null); when the log exists,
    /// a non-null value must match it, which catches a job configured against the wrong log.
    /// </summary>
    public int? PartitionCount { get; set; }

    /// <summary>Gets or sets whether opening a log that does not exist creates it (the default) or throws.</summary>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>
    /// Gets or sets the size in bytes at which a writer starts a new segment file (64 MiB by default). A segment
    /// exceeds it only to hold a single record larger than the size.
    /// </summary>
    public long SegmentSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Gets or sets the size in bytes of a writer's buffer (64 KiB by default): appends accumulate in it and reach
    /// the file when it fills or on flush.
    /// </summary>
    public int WriteBufferSize { get; set; } = 64 * 1024;

    internal void Validate()
    {
        if (PartitionCount is { } partitions)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions, nameof(PartitionCount));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(SegmentSize, SegmentFormat.HeaderLength + SegmentFormat.FrameHeaderLength, nameof(SegmentSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(WriteBufferSize, SegmentFormat.FrameHeaderLength, nameof(WriteBufferSize));
    }
}
