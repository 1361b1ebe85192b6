using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Grains.Tests.Protocol;

/// <summary>
/// Checkpoint storage over a local directory whose state writes fail (as during a storage outage) until the test
/// calls <see cref="Heal"/>.
/// </summary>
internal sealed class StateFailingCheckpointStorage(string root, string jobId) : ICheckpointStorage
{
    private readonly LocalCheckpointStorage _inner = new(root);
    private readonly CheckpointStorageLayout _layout = new(jobId);
    private volatile bool _healed;

    public void Heal() => _healed = true;

    public ValueTask CreateAsync(string path, Func<Stream, CancellationToken, ValueTask> writeAsync, CancellationToken cancellationToken = default)
    {
        if (!_healed && _layout.TryParseCheckpointPath(path, out var id, out _) && _layout.IsStateFileOf(path, id))
        {
            throw new IOException($"Injected outage writing {path}.");
        }

        return _inner.CreateAsync(path, writeAsync, cancellationToken);
    }

    public ValueTask<Stream?> TryOpenReadAsync(string path, CancellationToken cancellationToken = default) =>
        _inner.TryOpenReadAsync(path, cancellationToken);

    public ValueTask<VersionedContent?> TryReadVersionedAsync(string path, CancellationToken cancellationToken = default) =>
        _inner.TryReadVersionedAsync(path, cancellationToken);

    public ValueTask<StorageVersion> WriteConditionalAsync(string path, ReadOnlyMemory<byte> content, StorageVersion? expectedVersion, CancellationToken cancellationToken = default) =>
        _inner.WriteConditionalAsync(path, content, expectedVersion, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        _inner.ListAsync(prefix, cancellationToken);

    public ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        _inner.DeleteAsync(path, cancellationToken);
}
