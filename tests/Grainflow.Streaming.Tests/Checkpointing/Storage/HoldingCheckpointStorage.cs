using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

/// <summary>
/// A pass-through storage that stops the first read (or delete) of one chosen object before it reaches the inner
/// storage, until the test opens <see cref="Gate"/>: a seam to run another step of the protocol in the middle of a copy
/// or a deletion.
/// </summary>
internal sealed class HoldingCheckpointStorage(ICheckpointStorage inner, string? holdReadOf = null, string? holdDeleteOf = null) : ICheckpointStorage
{
    private int _held;

    /// <summary>Completes when the held operation is reached.</summary>
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the held operation go on.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask CreateAsync(string path, Func<Stream, CancellationToken, ValueTask> writeAsync, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(path, writeAsync, cancellationToken);

    public async ValueTask<Stream?> TryOpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await HoldIfChosenAsync(path, holdReadOf);
        return await inner.TryOpenReadAsync(path, cancellationToken);
    }

    public ValueTask<VersionedContent?> TryReadVersionedAsync(string path, CancellationToken cancellationToken = default) =>
        inner.TryReadVersionedAsync(path, cancellationToken);

    public ValueTask<StorageVersion> WriteConditionalAsync(string path, ReadOnlyMemory<byte> content, StorageVersion? expectedVersion, CancellationToken cancellationToken = default) =>
        inner.WriteConditionalAsync(path, content, expectedVersion, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, cancellationToken);

    public async ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        await HoldIfChosenAsync(path, holdDeleteOf);
        return await inner.DeleteAsync(path, cancellationToken);
    }

    private async Task HoldIfChosenAsync(string path, string? chosen)
    {
        if (path == chosen && Interlocked.Exchange(ref _held, 1) == 0)
        {
            Reached.SetResult();
            await Gate.Task;
        }
    }
}
