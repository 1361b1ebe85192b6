using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Grains.Tests.Cluster;

/// <summary>
/// A checkpoint storage without the writer lock. A silo this test process "kills" or stops keeps its coordinator's
/// lock file open (the process lives on), where a real silo's death releases it; the supervisor tests restart jobs
/// on the same location within one process, so they go without the lock.
/// </summary>
internal sealed class UnlockedCheckpointStorage(ICheckpointStorage inner) : ICheckpointStorage
{
    public ValueTask CreateAsync(string path, Func<Stream, CancellationToken, ValueTask> writeAsync, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(path, writeAsync, cancellationToken);

    public ValueTask<Stream?> TryOpenReadAsync(string path, CancellationToken cancellationToken = default) => inner.TryOpenReadAsync(path, cancellationToken);

    public ValueTask<VersionedContent?> TryReadVersionedAsync(string path, CancellationToken cancellationToken = default) =>
        inner.TryReadVersionedAsync(path, cancellationToken);

    public ValueTask<StorageVersion> WriteConditionalAsync(string path, ReadOnlyMemory<byte> content, StorageVersion? expectedVersion, CancellationToken cancellationToken = default) =>
        inner.WriteConditionalAsync(path, content, expectedVersion, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) => inner.DeleteAsync(path, cancellationToken);
}
