namespace Grainflow.Streaming.Sources;

/// <summary>The writer of one <see cref="InMemoryLog"/> partition.</summary>
internal sealed class InMemoryLogWriter(InMemoryLogPartition log) : ILogWriter
{
    private bool _disposed;

    public int Partition => log.Partition;

    public long NextOffset
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return log.NextOffset;
        }
    }

    public ValueTask<long> AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(log.Append(record.Span));
    }

    public ValueTask<long> AppendAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var first = log.NextOffset;
        for (var i = 0; i < records.Count; i++)
        {
            log.Append(records[i].Span);
        }

        return ValueTask.FromResult(first);
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        log.Publish();
        return ValueTask.CompletedTask;
    }

    public ValueTask<long> DeleteBeforeAsync(long offset, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ValueTask.FromResult(log.DeleteBefore(offset));
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            log.Publish();
            log.ReleaseWriter();
        }

        return ValueTask.CompletedTask;
    }
}
