namespace Grainflow.Streaming.Sources;

/// <summary>A reader of one <see cref="InMemoryLog"/> partition; copies payloads into the caller's batch.</summary>
internal sealed class InMemoryLogReader(InMemoryLogPartition log) : ILogReader
{
    private bool _disposed;

    public int Partition => log.Partition;

    public long Position { get; private set; }

    public ValueTask<int> ReadAsync(LogRecordBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        batch.Clear();
        var read = log.ReadInto(Position, batch);
        Position += read;
        return ValueTask.FromResult(read);
    }

    public ValueTask SeekAsync(long offset, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Seek(offset);
        return ValueTask.CompletedTask;
    }

    public void Seek(long offset)
    {
        log.ValidateSeek(offset);
        Position = offset;
    }

    public void Dispose() => _disposed = true;
}
