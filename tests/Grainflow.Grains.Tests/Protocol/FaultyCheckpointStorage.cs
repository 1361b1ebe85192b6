using System.Collections.Concurrent;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Grains.Tests.Protocol;

/// <summary>
/// Checkpoint storage over a local directory that records what was written and fails the state writes of one
/// chosen checkpoint (as a full disk would), to drive a checkpoint into abort; or loses the answer of the pointer
/// update that publishes one chosen checkpoint (the write took effect, the caller sees an error); or holds that
/// pointer update until the test opens <see cref="PublishGate"/>.
/// </summary>
internal sealed class FaultyCheckpointStorage(
    string root, string jobId, long failStateWritesOf, long loseAnswerOfPublishing = 0, long holdPublishingOf = 0) : ICheckpointStorage
{
    private readonly LocalCheckpointStorage _inner = new(root);
    private readonly CheckpointStorageLayout _layout = new(jobId);

    public ConcurrentQueue<string> Created { get; } = new();

    public ConcurrentQueue<string> LatestPointerContents { get; } = new();

    private int _failedStateWrites;

    public int FailedStateWrites => Volatile.Read(ref _failedStateWrites);

    public LocalCheckpointStorage Inner => _inner;

    /// <summary>Completes when the held pointer update is reached.</summary>
    public TaskCompletionSource PublishReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the held pointer update go on.</summary>
    public TaskCompletionSource PublishGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask CreateAsync(string path, Func<Stream, CancellationToken, ValueTask> writeAsync, CancellationToken cancellationToken = default)
    {
        if (_layout.IsStateFileOf(path, failStateWritesOf))
        {
            Interlocked.Increment(ref _failedStateWrites);
            throw new IOException($"Injected failure writing {path}.");
        }

        Created.Enqueue(path);
        return _inner.CreateAsync(path, writeAsync, cancellationToken);
    }

    public ValueTask<Stream?> TryOpenReadAsync(string path, CancellationToken cancellationToken = default) =>
        _inner.TryOpenReadAsync(path, cancellationToken);

    public ValueTask<VersionedContent?> TryReadVersionedAsync(string path, CancellationToken cancellationToken = default) =>
        _inner.TryReadVersionedAsync(path, cancellationToken);

    public ValueTask<StorageVersion> WriteConditionalAsync(string path, ReadOnlyMemory<byte> content, StorageVersion? expectedVersion, CancellationToken cancellationToken = default)
    {
        if (path == _layout.LatestPointerPath)
        {
            LatestPointerContents.Enqueue(System.Text.Encoding.UTF8.GetString(content.Span));
            if (loseAnswerOfPublishing > 0 && Names(content, loseAnswerOfPublishing))
            {
                return LoseAnswerAsync(path, content, expectedVersion, cancellationToken);
            }

            if (holdPublishingOf > 0 && Names(content, holdPublishingOf))
            {
                return HoldAsync(path, content, expectedVersion, cancellationToken);
            }
        }

        return _inner.WriteConditionalAsync(path, content, expectedVersion, cancellationToken);
    }

    private static bool Names(ReadOnlyMemory<byte> pointer, long checkpointId) =>
        System.Text.Encoding.UTF8.GetString(pointer.Span).Contains($"\"checkpointId\":{checkpointId},", StringComparison.Ordinal);

    private async ValueTask<StorageVersion> HoldAsync(string path, ReadOnlyMemory<byte> content, StorageVersion? expectedVersion, CancellationToken cancellationToken)
    {
        PublishReached.TrySetResult();
        await PublishGate.Task;
        return await _inner.WriteConditionalAsync(path, content, expectedVersion, cancellationToken);
    }

    private async ValueTask<StorageVersion> LoseAnswerAsync(string path, ReadOnlyMemory<byte> content, StorageVersion? expectedVersion, CancellationToken cancellationToken)
    {
        await _inner.WriteConditionalAsync(path, content, expectedVersion, cancellationToken);
        throw new IOException($"Injected loss of the answer to the write of {path}.");
    }

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        _inner.ListAsync(prefix, cancellationToken);

    public ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        _inner.DeleteAsync(path, cancellationToken);
}
