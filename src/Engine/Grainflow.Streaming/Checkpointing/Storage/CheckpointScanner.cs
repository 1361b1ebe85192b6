namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>Groups a job's checkpoint objects by checkpoint directory.</summary>
internal static class CheckpointScanner
{
    public static async ValueTask<SortedDictionary<long, CheckpointListing>> ScanAsync(
        ICheckpointStorage storage,
        CheckpointStorageLayout layout,
        CancellationToken cancellationToken)
    {
        var listings = new SortedDictionary<long, CheckpointListing>();
        await foreach (var path in storage.ListAsync(layout.CheckpointsPrefix, cancellationToken).ConfigureAwait(false))
        {
            if (!layout.TryParseCheckpointPath(path, out var checkpointId, out var fileName))
            {
                continue;
            }

            if (!listings.TryGetValue(checkpointId, out var listing))
            {
                listing = new CheckpointListing(checkpointId);
                listings.Add(checkpointId, listing);
            }

            listing.Paths.Add(path);
            listing.HasManifest |= fileName == CheckpointStorageLayout.ManifestFileName;
        }

        // A directory holding only leftovers is listed too, so that retention and the sweep can reclaim it.
        if (storage is ICheckpointStorageLeftovers leftovers)
        {
            await foreach (var path in leftovers.ListLeftoversAsync(layout.CheckpointsPrefix, cancellationToken).ConfigureAwait(false))
            {
                if (layout.TryParseCheckpointPath(path, out var checkpointId, out _))
                {
                    if (!listings.TryGetValue(checkpointId, out var listing))
                    {
                        listing = new CheckpointListing(checkpointId);
                        listings.Add(checkpointId, listing);
                    }

                    listing.Leftovers.Add(path);
                }
            }
        }

        return listings;
    }

    /// <summary>
    /// Deletes one checkpoint directory, manifest first: a deletion interrupted half-way leaves a directory
    /// without a manifest, which recovery ignores and retention removes, never a manifest naming missing files.
    /// </summary>
    public static async ValueTask DeleteCheckpointAsync(
        ICheckpointStorage storage,
        CheckpointStorageLayout layout,
        CheckpointListing listing,
        CancellationToken cancellationToken)
    {
        var manifestPath = layout.ManifestPath(listing.CheckpointId);
        await storage.DeleteAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        foreach (var path in listing.Paths)
        {
            if (path != manifestPath)
            {
                await storage.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
            }
        }

        await DeleteLeftoversAsync(storage, listing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the temporary files of interrupted writes in one checkpoint directory.</summary>
    public static async ValueTask DeleteLeftoversAsync(
        ICheckpointStorage storage,
        CheckpointListing listing,
        CancellationToken cancellationToken)
    {
        if (storage is ICheckpointStorageLeftovers leftovers)
        {
            foreach (var path in listing.Leftovers)
            {
                await leftovers.DeleteLeftoverAsync(path, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
