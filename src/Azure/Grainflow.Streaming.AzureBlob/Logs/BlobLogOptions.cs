namespace Grainflow.Streaming.AzureBlob.Logs;

/// <summary>Options of a <see cref="BlobLog"/>.</summary>
public sealed class BlobLogOptions
{
    /// <summary>The most bytes one Append Block carries here (the service accepts up to 100 MiB; 4 MiB keeps requests short).</summary>
    public const int MaxBlockBytes = 4 * 1024 * 1024;

    /// <summary>The largest record a blob log accepts: one frame must fit one Append Block, which is atomic.</summary>
    public const int MaxRecordLength = MaxBlockBytes - BlobLogFormat.FrameHeaderLength;

    /// <summary>
    /// Gets or sets the number of partitions (1 when null). Recorded when the first writer opens the log; a log that
    /// recorded another count refuses to open a writer, which catches a silo configured against the wrong log.
    /// </summary>
    public int? PartitionCount { get; set; }

    /// <summary>
    /// Gets or sets a blob-name prefix (a virtual directory such as <c>grainflow/log</c>) under which the log's blobs
    /// are named, so that several logs can share a container. Null or empty names them at the container's root.
    /// </summary>
    public string? Prefix { get; set; }

    /// <summary>
    /// Gets or sets the size in bytes at which a writer seals its segment (append blob) and starts the next (64 MiB by
    /// default). A segment also rolls at the service's limit of 50,000 blocks, and exceeds the size only to hold a
    /// single record larger than it.
    /// </summary>
    public long SegmentSize { get; set; } = 64 * 1024 * 1024;

    internal void Validate()
    {
        if (PartitionCount is { } partitions)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions, nameof(PartitionCount));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(SegmentSize, BlobLogFormat.FrameHeaderLength, nameof(SegmentSize));
    }
}
