using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Grains.Tests.Protocol;

/// <summary>
/// Checkpoint storage over a local directory whose state writes of one chosen checkpoint are held until the test
/// opens <see cref="FailGate"/>, and then fail: the checkpoint is in flight as long as the test wants, then aborts.
/// </summary>
internal sealed class HeldFailureCheckpointStorage(string root, string jobId, long failStateWritesOf) : ICheckpointStorage
{
    private readonly LocalCheckpointStorage _inner = new(root);
    private readonly CheckpointStorageLayout _layout = new(jobId);

    /// <summary>Completes when the first held state write is reached.</summary>
    public TaskCompletionSource WriteReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the held state writes fail.</summary>
    public TaskCompletionSource FailGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask CreateAsync(string path, Func<Stream, CancellationToken, ValueTask> writeAsync, CancellationToken cancellationToken = default) =>
        _layout.IsStateFileOf(path, failStateWritesOf) ? HoldThenFailAsync(path) : _inner.CreateAsync(path, writeAsync, cancellationToken);

    private async ValueTask HoldThenFailAsync(string path)
    {
        WriteReached.TrySetResult();
        await FailGate.Task;
        throw new IOException($"Injected failure writing {path}.");
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
