namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>Upload phase: a task streams its snapshot into a create-only state file.</summary>
internal static class StateFileWriter
{
    public static async ValueTask<StateHandle> WriteAsync(
        ICheckpointStorage storage,
        string path,
        Func<Stream, CancellationToken, ValueTask> writeAsync,
        CancellationToken cancellationToken)
    {
        (long Length, string Checksum) written = (0, string.Empty);
        await storage.CreateAsync(
            path,
            async (stream, token) =>
            {
                using var hashing = new HashingWriteStream(stream);
                await writeAsync(hashing, token).ConfigureAwait(false);
                await hashing.FlushAsync(token).ConfigureAwait(false);
                written = hashing.Complete();
            },
            cancellationToken).ConfigureAwait(false);
        return new StateHandle(path, written.Length, written.Checksum);
    }
}
