using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Streaming.Sources;

/// <summary>
/// The embedded, on-disk <see cref="IReplayableLog"/>: a directory per log, a sub-directory per partition, and
/// segment files named by the offset of their first record, rolled at <see cref="SegmentLogOptions.SegmentSize"/>.
/// Every record is framed with its length and a CRC-32C.
/// </summary>
/// <remarks>
/// <para>The log may be shared between processes: one process appends to a partition (the writer holds a lock
/// file) while others read it. Readers never modify files; a record still being written, or torn by a crash, reads
/// as "no more records yet". Only a writer, when opened, truncates a torn tail of the last segment.</para>
/// <para>Readers and <see cref="GetBoundsAsync"/> stop at the partition's durable mark, which the writer publishes
/// after every fsync (<see cref="DurableMarkFile"/>): records written but not yet fsynced stay invisible, so a power
/// loss cannot take back a record a job has read. A partition without a mark (last written by an older build)
/// reads every valid frame, as that build did, until a writer of this build opens it.</para>
/// <para>Damage anywhere else (a bad frame in a sealed segment, a bad header) throws
/// <see cref="LogCorruptedException"/> naming the file and byte position.</para>
/// <para>Positioning a reader scans the segment that holds the offset from its start (there is no offset index):
/// a cost paid on open and recovery, not per read.</para>
/// </remarks>
public sealed class SegmentLog : IReplayableLog
{
    /// <summary>The largest record, in bytes, the log accepts (64 MiB); appending a larger one throws <see cref="ArgumentException"/>.</summary>
    public const int MaxRecordLength = SegmentFormat.MaxRecordLength;

    private readonly SegmentLogOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _writersLock = new();
    private readonly bool[] _writerOpen;

    private SegmentLog(string directory, int partitionCount, SegmentLogOptions options, ILogger logger)
    {
        DirectoryPath = directory;
        PartitionCount = partitionCount;
        _options = options;
        _logger = logger;
        _writerOpen = new bool[partitionCount];
    }

    /// <summary>Gets the log's directory.</summary>
    public string DirectoryPath { get; }

    /// <inheritdoc/>
    public int PartitionCount { get; }

    /// <summary>Opens the log in <paramref name="directory"/>, creating it when missing and allowed.</summary>
    /// <param name="directory">The log's directory.</param>
    /// <param name="options">Options; defaults when null. The log keeps this instance: do not change it afterwards.</param>
    /// <param name="logger">Receives warnings such as a truncated torn tail.</param>
    /// <exception cref="DirectoryNotFoundException">The log does not exist and may not be created.</exception>
    /// <exception cref="InvalidOperationException">The log has another partition count than the options say.</exception>
    public static SegmentLog Open(string directory, SegmentLogOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new SegmentLogOptions();
        options.Validate();
        directory = Path.GetFullPath(directory);

        var exists = Directory.Exists(directory);
        var partitionCount = exists ? SegmentFiles.CountPartitions(directory) : 0;
        if (partitionCount == 0)
        {
            if (!options.CreateIfMissing)
            {
                throw new DirectoryNotFoundException($"Segment log '{directory}' does not exist.");
            }

            partitionCount = options.PartitionCount ?? 1;
            for (var partition = 0; partition < partitionCount; partition++)
            {
                Directory.CreateDirectory(SegmentFiles.PartitionDirectory(directory, partition));
            }
        }
        else if (options.PartitionCount is { } expected && expected != partitionCount)
        {
            throw new InvalidOperationException(
                $"Segment log '{directory}' has {partitionCount} partitions, but {expected} were configured.");
        }

        return new SegmentLog(directory, partitionCount, options, logger ?? NullLogger.Instance);
    }

    /// <inheritdoc/>
    public async ValueTask<LogPartitionBounds> GetBoundsAsync(int partition, CancellationToken cancellationToken = default)
    {
        var partitionDirectory = GetPartitionDirectory(partition);
        var durableEnd = DurableMarkFile.Read(partitionDirectory) ?? long.MaxValue;
        var segments = SegmentFiles.ListSegments(partitionDirectory);
        if (segments.Count == 0)
        {
            return default;
        }

        var last = segments[^1];
        var path = SegmentFiles.SegmentPath(partitionDirectory, last);
        using var handle = SegmentFiles.OpenForReading(path);
        if (RandomAccess.GetLength(handle) < SegmentFormat.HeaderLength)
        {
            return new LogPartitionBounds(segments[0], Math.Min(last, durableEnd));
        }

        // The scan confirms the records below the mark are there; the mark hides those written after it.
        var scan = await SegmentScanner.ScanAsync(handle, SegmentFormat.HeaderLength, long.MaxValue, cancellationToken)
            .ConfigureAwait(false);
        return new LogPartitionBounds(segments[0], Math.Min(last + scan.RecordCount, durableEnd));
    }

    /// <inheritdoc/>
    public async ValueTask<ILogWriter> OpenWriterAsync(int partition, CancellationToken cancellationToken = default)
    {
        var partitionDirectory = GetPartitionDirectory(partition);
        lock (_writersLock)
        {
            if (_writerOpen[partition])
            {
                throw new InvalidOperationException($"Partition {partition} of segment log '{DirectoryPath}' already has an open writer.");
            }

            _writerOpen[partition] = true;
        }

        try
        {
            return await SegmentLogWriter.OpenAsync(
                partitionDirectory, partition, _options, _logger, () => ReleaseWriter(partition), cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            ReleaseWriter(partition);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ILogReader> OpenReaderAsync(int partition, long offset, CancellationToken cancellationToken = default)
    {
        var reader = new SegmentLogReader(GetPartitionDirectory(partition), partition);
        try
        {
            await reader.SeekAsync(offset, cancellationToken).ConfigureAwait(false);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private void ReleaseWriter(int partition)
    {
        lock (_writersLock)
        {
            _writerOpen[partition] = false;
        }
    }

    private string GetPartitionDirectory(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, PartitionCount);
        return SegmentFiles.PartitionDirectory(DirectoryPath, partition);
    }
}
