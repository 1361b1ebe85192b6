using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>Abort phase: a failed or timed-out checkpoint's files are removed; nothing is published.</summary>
internal sealed partial class CheckpointAborter(ICheckpointStorage storage, CheckpointStorageLayout layout, ILogger logger)
{
    public async ValueTask AbortAsync(long checkpointId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(checkpointId);
        var listings = await CheckpointScanner.ScanAsync(storage, layout, cancellationToken).ConfigureAwait(false);
        var publishedId = await ReadPublishedIdAsync(cancellationToken).ConfigureAwait(false);
        listings.TryGetValue(checkpointId, out var listing);
        if (checkpointId == publishedId || (checkpointId < publishedId && listing is { HasManifest: true }))
        {
            throw new InvalidOperationException(
                $"Checkpoint {checkpointId} of job '{layout.JobId}' is complete and cannot be aborted; retention removes it.");
        }

        if (listing is not null)
        {
            await CheckpointScanner.DeleteCheckpointAsync(storage, layout, listing, cancellationToken).ConfigureAwait(false);
        }

        LogCheckpointAborted(logger, layout.JobId, checkpointId, listing?.Paths.Count ?? 0);
    }

    private async ValueTask<long?> ReadPublishedIdAsync(CancellationToken cancellationToken)
    {
        var pointer = await storage.TryReadVersionedAsync(layout.LatestPointerPath, cancellationToken).ConfigureAwait(false);
        if (pointer is null)
        {
            return null;
        }

        try
        {
            return CheckpointSerializer.DeserializePointer(pointer.Content.Span).CheckpointId;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
