using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Silo.Faults;

/// <summary>
/// Fault injection for crash tests, never for production: pauses every checkpoint state-file write halfway
/// through its bytes and says so on stdout, so that a test can kill the silo while a checkpoint is being
/// written. Enabled only by the environment variable <see cref="PauseVariable"/> (milliseconds). The job's writer lock
/// is the wrapped storage's, so a paused silo holds its location as an unpaused one does.
/// </summary>
internal sealed class PausingCheckpointStorage(ICheckpointStorage inner, TimeSpan pause, TextWriter output) : ICheckpointStorage, ICheckpointLocationLock
{
    public const string PauseVariable = "GRAINFLOW_FAULT_PAUSE_STATE_WRITE_MS";

    /// <summary>Wraps <paramref name="storage"/> when the environment asks for it; otherwise returns it unchanged.</summary>
    public static ICheckpointStorage WrapIfRequested(ICheckpointStorage storage, TextWriter output) =>
        int.TryParse(Environment.GetEnvironmentVariable(PauseVariable), out var milliseconds) && milliseconds > 0
            ? new PausingCheckpointStorage(storage, TimeSpan.FromMilliseconds(milliseconds), output)
            : storage;

    public ValueTask CreateAsync(string path, Func<Stream, CancellationToken, ValueTask> writeAsync, CancellationToken cancellationToken = default) =>
        IsStateFile(path) ? inner.CreateAsync(path, (stream, token) => WriteWithPauseAsync(path, stream, writeAsync, token), cancellationToken)
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

    private static bool IsStateFile(string path) =>
        path.Contains("/chk-", StringComparison.Ordinal) && !path.EndsWith(CheckpointStorageLayout.ManifestFileName, StringComparison.Ordinal);

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
