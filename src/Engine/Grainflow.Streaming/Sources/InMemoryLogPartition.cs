namespace Grainflow.Streaming.Sources;

/// <summary>The records of one <see cref="InMemoryLog"/> partition, guarded by one lock.</summary>
internal sealed class InMemoryLogPartition(int partition)
{
    private readonly Lock _lock = new();

    // Indexed by offset. Retention only moves _firstOffset: readers already past it may finish, as with segment files.
    private readonly List<byte[]> _records = [];
    private long _firstOffset;
    private int _visibleCount;
    private bool _writerOpen;

    public int Partition { get; } = partition;

    public LogPartitionBounds GetBounds()
    {
        lock (_lock)
        {
            return new LogPartitionBounds(_firstOffset, _visibleCount);
        }
    }

    public void AcquireWriter()
    {
        lock (_lock)
        {
            if (_writerOpen)
            {
                throw new InvalidOperationException($"Partition {Partition} already has an open writer.");
            }

            _writerOpen = true;
        }
    }

    public void ReleaseWriter()
    {
        lock (_lock)
        {
            _writerOpen = false;
        }
    }

    public long Append(ReadOnlySpan<byte> payload)
    {
        var copy = payload.ToArray();
        lock (_lock)
        {
            _records.Add(copy);
            return _records.Count - 1;
        }
    }

    public long NextOffset
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    public void Publish()
    {
        lock (_lock)
        {
            _visibleCount = _records.Count;
        }
    }

    public long DeleteBefore(long offset)
    {
        lock (_lock)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, _records.Count);
            _firstOffset = Math.Max(_firstOffset, offset);
            return _firstOffset;
        }
    }

    /// <summary>Throws unless <paramref name="offset"/> is in the retained, visible range.</summary>
    public void ValidateSeek(long offset)
    {
        lock (_lock)
        {
            if (offset < _firstOffset || offset > _visibleCount)
            {
                throw new LogOffsetOutOfRangeException(Partition, offset, new LogPartitionBounds(_firstOffset, _visibleCount));
            }
        }
    }

    /// <summary>Copies visible records from <paramref name="offset"/> into the batch while they fit.</summary>
    public int ReadInto(long offset, LogRecordBatch batch)
    {
        lock (_lock)
        {
            var read = 0;
            for (var next = offset; next < _visibleCount && batch.TryAdd(next, _records[(int)next]); next++)
            {
                read++;
            }

            return read;
        }
    }
}
