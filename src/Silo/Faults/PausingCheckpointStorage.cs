using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Silo.Faults;

/// <summary>
/// Fault injection for crash tests, never for production: pauses every checkpoint state-file write halfway
/// through its bytes and says so on stdout, so that a test can kill the silo while a checkpoint is being
/// written. Enabled only by the environment variable <see cref="PauseVariable"/> (milliseconds); with
/// <see cref="FromCheckpointVariable"/> only checkpoints from that id on pause, so that earlier ones complete and commit
/// output first. The job's writer lock is the wrapped storage's, so a paused silo holds its location as an unpaused one does.
/// </summary>
internal sealed class PausingCheckpointStorage(ICheckpointStorage inner, TimeSpan pause, long fromCheckpoint, TextWriter output)
    : ICheckpointStorage, ICheckpointLocationLock
{
    public const string PauseVariable = "GRAINFLOW_FAULT_PAUSE_STATE_WRITE_MS";
    public const string FromCheckpointVariable = "GRAINFLOW_FAULT_PAUSE_STATE_WRITE_FROM_CHECKPOINT";

    /// <summary>Wraps <paramref name="storage"/> when the environment asks for it; otherwise returns it unchanged.</summary>
    public static ICheckpointStorage WrapIfRequested(ICheckpointStorage storage, TextWriter output) =>
        int.TryParse(Environment.GetEnvironmentVariable(PauseVariable), out var milliseconds) && milliseconds > 0
            ? new PausingCheckpointStorage(
                storage,
                TimeSpan.FromMilliseconds(milliseconds),
                long.TryParse(Environment.GetEnvironmentVariable(FromCheckpointVariable), out var from) ? from : 0,
                output)
            : storage;

    public ValueTask CreateAsync(string path, Func<Stream, CancellationToken, ValueTask> writeAsync, CancellationToken cancellationToken = default) =>
        IsStateFileToPause(path) ? inner.CreateAsync(path, (stream, token) => WriteWithPauseAsync(path, stream, writeAsync, token), cancellationToken)
            : inner.CreateAsync(path, writeAsync, cancellationToken);

    public ValueTask<Stream?> TryOpenReadAsync(string path, CancellationToken cancellationToken = default) => inner.TryOpenReadAsync(path, cancellationToken);

    public ValueTask<VersionedContent?> TryReadVersionedAsync(string path, CancellationToken cancellationToken = default) =>
        inner.TryReadVersionedAsync(path, cancellationToken);

    public ValueTask<StorageVersion> WriteConditionalAsync(string path, ReadOnlyMemory<byte> content, StorageVersion? expectedVersion, CancellationToken cancellationToken = default) =>
        inner.WriteConditionalAsync(path, content, expectedVersion, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) => inner.DeleteAsync(path, cancellationToken);

    public ValueTask<IAsyncDisposable> AcquireJobLockAsync(string jobId, CancellationToken cancellationToken = default) =>
        inner is ICheckpointLocationLock locking
            ? locking.AcquireJobLockAsync(jobId, cancellationToken)
            : throw new NotSupportedException($"{inner.GetType().Name} has no writer lock.");

    private bool IsStateFileToPause(string path) =>
        CheckpointIdOf(path) is { } id && id >= fromCheckpoint
        && !path.EndsWith(CheckpointStorageLayout.ManifestFileName, StringComparison.Ordinal);

    /// <summary>The id of the <c>chk-N</c> directory <paramref name="path"/> lies in, or null outside one.</summary>
    private static long? CheckpointIdOf(string path)
    {
        var start = path.IndexOf("/chk-", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var digits = path.AsSpan(start + "/chk-".Length);
        var end = digits.IndexOf('/');
        return long.TryParse(end < 0 ? digits : digits[..end], out var id) ? id : null;
    }

    private async ValueTask WriteWithPauseAsync(string path, Stream destination, Func<Stream, CancellationToken, ValueTask> writeAsync, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        await writeAsync(content, cancellationToken);
        var bytes = content.GetBuffer();
        var half = (int)content.Length / 2;
        await destination.WriteAsync(bytes.AsMemory(0, half), cancellationToken);
        await destination.FlushAsync(cancellationToken);
        lock (output)
        {
            output.WriteLine($"[fault] paused inside the write of checkpoint file {path} ({half} of {content.Length} bytes written)");
            output.Flush();
        }

        await Task.Delay(pause, cancellationToken);
        await destination.WriteAsync(bytes.AsMemory(half, (int)content.Length - half), cancellationToken);
    }
}
