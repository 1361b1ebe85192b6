namespace Grainflow.Streaming.Sources;

/// <summary>
/// A replayable log held in memory, for tests. Behaves like the file-based logs: one writer per partition, records
/// visible to readers only once flushed (flushing is what "durable" means here), retention moves the first offset. Thread-safe as the contract states.
/// </summary>
public sealed class InMemoryLog : IReplayableLog
{
    private readonly InMemoryLogPartition[] _partitions;

    /// <summary>Initializes an empty log.</summary>
    /// <param name="partitionCount">The number of partitions.</param>
    public InMemoryLog(int partitionCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        _partitions = new InMemoryLogPartition[partitionCount];
        for (var i = 0; i < partitionCount; i++)
        {
            _partitions[i] = new InMemoryLogPartition(i);
        }
    }

    /// <inheritdoc/>
    public int PartitionCount => _partitions.Length;

    /// <inheritdoc/>
    public ValueTask<LogPartitionBounds> GetBoundsAsync(int partition, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(GetPartition(partition).GetBounds());

    /// <inheritdoc/>
    public ValueTask<ILogWriter> OpenWriterAsync(int partition, CancellationToken cancellationToken = default)
    {
        var log = GetPartition(partition);
        log.AcquireWriter();
        return ValueTask.FromResult<ILogWriter>(new InMemoryLogWriter(log));
    }

    /// <inheritdoc/>
    public ValueTask<ILogReader> OpenReaderAsync(int partition, long offset, CancellationToken cancellationToken = default)
    {
        var reader = new InMemoryLogReader(GetPartition(partition));
        reader.Seek(offset);
        return ValueTask.FromResult<ILogReader>(reader);
    }

    private InMemoryLogPartition GetPartition(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, _partitions.Length);
        return _partitions[partition];
    }
}
