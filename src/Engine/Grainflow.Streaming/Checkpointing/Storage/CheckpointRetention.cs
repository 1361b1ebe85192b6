using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// Retention phase, after a publish: keeps the newest completed checkpoints up to the retained count and removes
/// older ones and the leftovers of aborted checkpoints. Newer directories (in flight) and savepoints are never
/// touched, nor is a checkpoint being copied into a savepoint (a later retention deletes it).
/// </summary>
internal sealed partial class CheckpointRetention(
    ICheckpointStorage storage,
    CheckpointStorageLayout layout,
    int retainedCheckpoints,
    CheckpointCopyHolds holds,
    ILogger logger)
{
    /// <summary>Applies retention relative to the just-published <paramref name="publishedId"/>.</summary>
    /// <returns>The ids of the checkpoint directories deleted.</returns>
    public async ValueTask<IReadOnlyList<long>> ApplyAsync(long publishedId, CancellationToken cancellationToken)
    {
        SortedDictionary<long, CheckpointListing> listings;
        try
        {
            listings = await CheckpointScanner.ScanAsync(storage, layout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As below: the publish succeeded, and the next one retries.
            LogRetentionListFailed(logger, ex, layout.JobId, publishedId);
            return [];
        }

        // Only published checkpoints count: a manifest the pointer never named must not take a retained slot.
        var published = await PublishedCheckpoints.ReadAsync(storage, layout, cancellationToken).ConfigureAwait(false);
        var retained = listings.Values
            .Where(l => l.HasManifest && l.CheckpointId <= publishedId && published?.IsPublished(l.CheckpointId) != false)
            .Select(l => l.CheckpointId)
            .OrderDescending()
            .Take(retainedCheckpoints)
            .Append(publishedId)
            .ToHashSet();

        var deleted = new List<long>();
        foreach (var listing in listings.Values)
        {
            if (listing.CheckpointId >= publishedId || retained.Contains(listing.CheckpointId))
            {
                continue;
            }

            if (!holds.TryBeginDelete(listing.CheckpointId))
            {
                LogCheckpointHeld(logger, layout.JobId, listing.CheckpointId);
                continue;
            }

            try
            {
                await CheckpointScanner.DeleteCheckpointAsync(storage, layout, listing, cancellationToken)
                    .ConfigureAwait(false);
                deleted.Add(listing.CheckpointId);
                LogCheckpointDeleted(logger, layout.JobId, listing.CheckpointId, listing.HasManifest);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The publish already succeeded; a directory that could not be deleted now is retried after the
                // next publish, so failing here would only turn a completed checkpoint into a reported failure.
                LogCheckpointDeleteFailed(logger, ex, layout.JobId, listing.CheckpointId);
            }
            finally
            {
                holds.EndDelete(listing.CheckpointId);
            }
        }

        return deleted;
    }
}
