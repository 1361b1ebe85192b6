using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// Start-up phase, under the job's writer lock and after recovery: removes what earlier attempts left behind. That is
/// checkpoint directories the pointer never published (in flight above it, aborted or unpublished below it),
/// temporary files of interrupted writes anywhere in the job, and savepoints whose copy never completed.
/// </summary>
internal sealed partial class CheckpointSweeper(ICheckpointStorage storage, CheckpointStorageLayout layout, ILogger logger)
{
    /// <returns>The number of objects deleted.</returns>
    public async ValueTask<int> SweepAsync(CancellationToken cancellationToken)
    {
        var published = await PublishedCheckpoints.ReadAsync(storage, layout, cancellationToken).ConfigureAwait(false);
        var listings = await CheckpointScanner.ScanAsync(storage, layout, cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        foreach (var listing in listings.Values)
        {
            // Without a readable pointer nothing says which directories were published; leave them to recovery. The
            // latest is kept even when damaged: it is the evidence an operator needs.
            var id = listing.CheckpointId;
            var orphan = published is not null
                && (id > published.LatestId || (id < published.LatestId && (!listing.HasManifest || !published.IsPublished(id))));
            if (orphan)
            {
                await CheckpointScanner.DeleteCheckpointAsync(storage, layout, listing, cancellationToken).ConfigureAwait(false);
                deleted += listing.Paths.Count + listing.Leftovers.Count;
                LogOrphanCheckpointDeleted(logger, layout.JobId, listing.CheckpointId, listing.Paths.Count + listing.Leftovers.Count);
            }
            else if (listing.Leftovers.Count > 0)
            {
                await CheckpointScanner.DeleteLeftoversAsync(storage, listing, cancellationToken).ConfigureAwait(false);
                deleted += listing.Leftovers.Count;
            }
        }

        deleted += await SweepJobDirectoryLeftoversAsync(cancellationToken).ConfigureAwait(false);
        deleted += await SweepIncompleteSavepointsAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private async ValueTask<int> SweepJobDirectoryLeftoversAsync(CancellationToken cancellationToken)
    {
        if (storage is not ICheckpointStorageLeftovers leftovers)
        {
            return 0;
        }

        // The pointer's own temporary files sit directly in the job directory.
        var prefix = layout.JobId + "/";
        var deleted = 0;
        await foreach (var path in leftovers.ListLeftoversAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (path.IndexOf('/', prefix.Length) < 0 && await leftovers.DeleteLeftoverAsync(path, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private async ValueTask<int> SweepIncompleteSavepointsAsync(CancellationToken cancellationToken)
    {
        var prefix = layout.SavepointsPrefix;
        var byName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var complete = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var path in storage.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            Add(path, isObject: true);
        }

        if (storage is ICheckpointStorageLeftovers leftovers)
        {
            await foreach (var path in leftovers.ListLeftoversAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                Add(path, isObject: false);
            }
        }

        var deleted = 0;
        foreach (var (name, paths) in byName)
        {
            if (complete.Contains(name))
            {
                continue;
            }

            foreach (var path in paths)
            {
                var removed = CheckpointStorageLayout.IsPrivateName(path[(path.LastIndexOf('/') + 1)..])
                    ? await ((ICheckpointStorageLeftovers)storage).DeleteLeftoverAsync(path, cancellationToken).ConfigureAwait(false)
                    : await storage.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
                deleted += removed ? 1 : 0;
            }
        }

        return deleted;

        void Add(string path, bool isObject)
        {
            var rest = path[prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                return;
            }

            var name = rest[..slash];
            if (!byName.TryGetValue(name, out var paths))
            {
                byName[name] = paths = [];
            }

            paths.Add(path);
            if (isObject && rest[(slash + 1)..] == CheckpointStorageLayout.ManifestFileName)
            {
                complete.Add(name);
            }
        }
    }
}
