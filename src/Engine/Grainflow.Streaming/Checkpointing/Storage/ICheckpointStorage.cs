namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// The object store checkpoints are kept in, shaped like blob storage so that the local disk and Azure Blob
/// Storage implement it alike: create-only writes, one conditionally updated object per job, listing by
/// prefix, and delete. The checkpoint protocol (<see cref="CheckpointManager"/>) is written once on top of it.
/// </summary>
/// <remarks>
/// <para>Paths are relative to the implementation's root (a directory, a container and prefix), use <c>/</c>
/// as the separator and come from <see cref="CheckpointStorageLayout"/>. No segment starts with <c>.</c>:
/// those names are reserved for an implementation's temporary and private files, which are never listed.</para>
/// <para>No operation ever exposes a partially written object: an object is either absent or complete.</para>
/// <para>Implementations are thread-safe and safe to use from several processes sharing one root.</para>
/// </remarks>
public interface ICheckpointStorage
{
    /// <summary>
    /// Creates the object <paramref name="path"/> from the bytes <paramref name="writeAsync"/> writes, making it
    /// visible only after the callback returned and the bytes are durable (blob: <c>If-None-Match: *</c>).
    /// </summary>
    /// <param name="path">The object to create.</param>
    /// <param name="writeAsync">Writes the content to the stream it is given. The stream belongs to the
    /// storage: the callback must not dispose it. If the callback throws, nothing becomes visible.</param>
    /// <param name="cancellationToken">Cancels the write; nothing becomes visible.</param>
    /// <exception cref="CheckpointConflictException">The object already exists.</exception>
    ValueTask CreateAsync(
        string path,
        Func<Stream, CancellationToken, ValueTask> writeAsync,
        CancellationToken cancellationToken = default);

    /// <summary>Opens the object for reading, or returns <see langword="null"/> if it does not exist.</summary>
    /// <remarks>The caller disposes the stream.</remarks>
    ValueTask<Stream?> TryOpenReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a conditionally updated object and its current version (blob: the ETag), or returns
    /// <see langword="null"/> if it does not exist.
    /// </summary>
    ValueTask<VersionedContent?> TryReadVersionedAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the object <paramref name="path"/> atomically if its version is still
    /// <paramref name="expectedVersion"/>, or creates it if <paramref name="expectedVersion"/> is
    /// <see langword="null"/> and it does not exist (blob: <c>If-Match</c> / <c>If-None-Match: *</c>).
    /// </summary>
    /// <returns>The object's new version; it differs from every version the object had before.</returns>
    /// <exception cref="CheckpointConflictException">The object's version is not
    /// <paramref name="expectedVersion"/>: another writer got there first. Nothing was written.</exception>
    ValueTask<StorageVersion> WriteConditionalAsync(
        string path,
        ReadOnlyMemory<byte> content,
        StorageVersion? expectedVersion,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the paths of all objects whose path starts with <paramref name="prefix"/> (a plain string prefix,
    /// not a directory), in no particular order. Objects created or deleted during the listing may or may not
    /// appear.
    /// </summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object; returns <see langword="false"/> if it did not exist.</summary>
    ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default);
}
