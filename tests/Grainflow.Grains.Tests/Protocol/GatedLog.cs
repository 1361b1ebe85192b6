using Grainflow.Streaming.Sources;

namespace Grainflow.Grains.Tests.Protocol;

/// <summary>
/// A log whose partitions each read nothing until the test opens their gate. By default a reader blocks in its read: a
/// source task blocked in a read emits no barrier (barriers go between reads), which is how a test holds one channel's
/// barrier back at will. With <c>pauseAt</c>, a reader reads freely up to that offset and from there on finds nothing
/// to read while its gate is closed, as if its partition had no more records yet: the source keeps emitting barriers,
/// which is how a test holds every source partway through its input while checkpoints complete.
/// </summary>
internal sealed class GatedLog(IReplayableLog inner, long? pauseAt = null) : IReplayableLog
{
    private readonly TaskCompletionSource[] _gates = [.. Enumerable.Range(0, inner.PartitionCount)
        .Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];

    public int PartitionCount => inner.PartitionCount;

    /// <summary>Lets the readers of <paramref name="partition"/> read from now on.</summary>
    public void Open(int partition) => _gates[partition].TrySetResult();

    public ValueTask<LogPartitionBounds> GetBoundsAsync(int partition, CancellationToken cancellationToken = default) =>
        inner.GetBoundsAsync(partition, cancellationToken);

    public ValueTask<ILogWriter> OpenWriterAsync(int partition, CancellationToken cancellationToken = default) =>
        inner.OpenWriterAsync(partition, cancellationToken);

    public async ValueTask<ILogReader> OpenReaderAsync(int partition, long offset, CancellationToken cancellationToken = default) =>
        new GatedReader(await inner.OpenReaderAsync(partition, offset, cancellationToken), _gates[partition].Task, pauseAt);

    private sealed class GatedReader(ILogReader inner, Task gate, long? pauseAt) : ILogReader
    {
        public int Partition => inner.Partition;

        public long Position => inner.Position;

        public async ValueTask<int> ReadAsync(LogRecordBatch batch, CancellationToken cancellationToken = default)
        {
            if (pauseAt is not { } pause)
            {
                await gate.WaitAsync(cancellationToken);
            }
            else if (inner.Position >= pause && !gate.IsCompleted)
            {
                return 0;
            }

            return await inner.ReadAsync(batch, cancellationToken);
        }

        public ValueTask SeekAsync(long offset, CancellationToken cancellationToken = default) => inner.SeekAsync(offset, cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
