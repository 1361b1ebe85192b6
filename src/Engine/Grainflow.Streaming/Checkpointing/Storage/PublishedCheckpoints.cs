using System.Text.Json;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>Which checkpoints were published, as the latest pointer records it.</summary>
internal sealed class PublishedCheckpoints
{
    /// <summary>How many published ids the pointer keeps: more than any sensible retained count.</summary>
    public const int HistoryLength = 64;

    private readonly LatestCheckpointPointer _pointer;

    private PublishedCheckpoints(LatestCheckpointPointer pointer, StorageVersion version)
    {
        _pointer = pointer;
        Version = version;
    }

    public long LatestId => _pointer.CheckpointId;

    public StorageVersion Version { get; }

    /// <summary>
    /// Whether checkpoint <paramref name="checkpointId"/>, at or below the latest, was published. Ids older than the
    /// recorded history (or every id, for a pointer without one) count as published: nothing says otherwise.
    /// </summary>
    public bool IsPublished(long checkpointId) =>
        checkpointId == _pointer.CheckpointId
        || (checkpointId < _pointer.CheckpointId
            && (_pointer.Published is not { Count: > 0 } history || history.Contains(checkpointId) || checkpointId < history.Min()));

    /// <summary>The history for the pointer that publishes <paramref name="checkpointId"/> after this one.</summary>
    public static IReadOnlyList<long> Append(PublishedCheckpoints? previous, long checkpointId)
    {
        IEnumerable<long> earlier = previous is null ? [] : previous._pointer.Published ?? [previous.LatestId];
        return [checkpointId, .. earlier.Where(id => id < checkpointId).Take(HistoryLength - 1)];
    }

    /// <summary>Parses a pointer; null when it is unreadable.</summary>
    /// <exception cref="IncompatibleCheckpointException">The pointer has a newer format.</exception>
    public static PublishedCheckpoints? TryParse(VersionedContent pointer, string jobId, string pointerPath, out JsonException? error)
    {
        error = null;
        LatestCheckpointPointer parsed;
        try
        {
            parsed = CheckpointSerializer.DeserializePointer(pointer.Content.Span);
        }
        catch (JsonException ex)
        {
            error = ex;
            return null;
        }

        if (parsed.FormatVersion > CheckpointManifest.CurrentFormatVersion)
        {
            throw new IncompatibleCheckpointException(
                $"'{pointerPath}' of job '{jobId}' has format version {parsed.FormatVersion}, but this build reads up to "
                + $"{CheckpointManifest.CurrentFormatVersion}. Run a newer Grainflow, or give this job another --checkpoint-dir.");
        }

        return new PublishedCheckpoints(parsed, pointer.Version);
    }

    /// <summary>Reads and parses the job's pointer; null when absent or unreadable.</summary>
    public static async ValueTask<PublishedCheckpoints?> ReadAsync(
        ICheckpointStorage storage, CheckpointStorageLayout layout, CancellationToken cancellationToken)
    {
        var pointer = await storage.TryReadVersionedAsync(layout.LatestPointerPath, cancellationToken).ConfigureAwait(false);
        return pointer is null ? null : TryParse(pointer, layout.JobId, layout.LatestPointerPath, out _);
    }
}
