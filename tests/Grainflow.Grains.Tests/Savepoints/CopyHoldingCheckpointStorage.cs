using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Grains.Tests.Savepoints;

/// <summary>
/// Checkpoint storage over a local directory that holds the second read of a state file of one chosen checkpoint
/// until the test opens <see cref="CopyGate"/>. While a job runs, only a savepoint copy reads a checkpoint's state
/// files: the hold stops that copy midway, after its first file.
/// </summary>
internal sealed class CopyHoldingCheckpointStorage(string root, string jobId, long holdCopyOf) : ICheckpointStorage
{
    private readonly LocalCheckpointStorage _inner = new(root);
    private readonly CheckpointStorageLayout _layout = new(jobId);
    private int _stateReads;

    /// <summary>Completes when the copy reaches the held read.</summary>
    public TaskCompletionSource CopyReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the held copy go on.</summary>
    public TaskCompletionSource CopyGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask CreateAsync(string path, Func<Stream, CancellationToken, ValueTask> writeAsync, CancellationToken cancellationToken = default) =>
        _inner.CreateAsync(path, writeAsync, cancellationToken);

    public async ValueTask<Stream?> TryOpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (_layout.IsStateFileOf(path, holdCopyOf) && Interlocked.Increment(ref _stateReads) == 2)
        {
            CopyReached.SetResult();
            await CopyGate.Task;
        }

        return await _inner.TryOpenReadAsync(path, cancellationToken);
    }

    public ValueTask<VersionedContent?> TryReadVersionedAsync(string path, CancellationToken cancellationToken = default) =>
        _inner.TryReadVersionedAsync(path, cancellationToken);

    public ValueTask<StorageVersion> WriteConditionalAsync(string path, ReadOnlyMemory<byte> content, StorageVersion? expectedVersion, CancellationToken cancellationToken = default) =>
        _inner.WriteConditionalAsync(path, content, expectedVersion, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        _inner.ListAsync(prefix, cancellationToken);

    public ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        _inner.DeleteAsync(path, cancellationToken);
}
