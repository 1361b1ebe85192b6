using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// Recovery phase: finds the newest published checkpoint whose manifest parses and whose state files verify,
/// falling back through older checkpoint directories when the latest is damaged.
/// </summary>
internal sealed partial class CheckpointRecovery(
    ICheckpointStorage storage,
    CheckpointStorageLayout layout,
    string topologyFingerprint,
    ILogger logger)
{
    public async ValueTask<CheckpointRecoveryResult> LoadLatestValidAsync(CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var skipped = new List<SkippedCheckpoint>();
        var pointer = await storage.TryReadVersionedAsync(layout.LatestPointerPath, cancellationToken)
            .ConfigureAwait(false);
        var publishedId = pointer is null ? null : ReadPublishedId(pointer, warnings);
        var listings = await CheckpointScanner.ScanAsync(storage, layout, cancellationToken).ConfigureAwait(false);

        // Directories above the published id were never published (a coordinator died between manifest and
        // pointer, or lost the race): restoring them would skip the sink commit protocol's ordering. Without a
        // readable pointer every complete directory is a candidate; that is the best recovery can do.
        var candidates = listings.Keys
            .Concat(publishedId is { } id ? [id] : [])
            .Where(candidate => publishedId is null || candidate <= publishedId)
            .Distinct()
            .OrderDescending();
        var highest = listings.Count == 0 ? 0 : listings.Keys.Max();
        highest = Math.Max(highest, publishedId ?? 0);

        foreach (var checkpointId in candidates)
        {
            var hasManifest = listings.TryGetValue(checkpointId, out var listing) && listing.HasManifest;
            if (!hasManifest && checkpointId != publishedId)
            {
                continue; // an aborted checkpoint, not a damaged one
            }

            var (manifest, damagedPath, reason) = await TryLoadAsync(checkpointId, cancellationToken).ConfigureAwait(false);
            if (manifest is not null)
            {
                LogCheckpointRecovered(logger, layout.JobId, checkpointId, skipped.Count);
                return new CheckpointRecoveryResult(manifest, pointer?.Version, highest, skipped, warnings);
            }

            skipped.Add(new SkippedCheckpoint(checkpointId, damagedPath!, reason!));
            warnings.Add($"Checkpoint {checkpointId} skipped: {reason}");
            LogCheckpointSkipped(logger, layout.JobId, checkpointId, damagedPath!, reason!);
        }

        LogNoCheckpointFound(logger, layout.JobId, skipped.Count);
        return new CheckpointRecoveryResult(null, pointer?.Version, highest, skipped, warnings);
    }

    private long? ReadPublishedId(VersionedContent pointer, List<string> warnings)
    {
        LatestCheckpointPointer parsed;
        try
        {
            parsed = CheckpointSerializer.DeserializePointer(pointer.Content.Span);
        }
        catch (JsonException ex)
        {
            warnings.Add($"The latest pointer '{layout.LatestPointerPath}' is unreadable ({ex.Message}); every checkpoint directory is considered.");
            LogLatestPointerUnreadable(logger, ex, layout.JobId, layout.LatestPointerPath);
            return null;
        }

        if (parsed.FormatVersion > CheckpointManifest.CurrentFormatVersion)
        {
            throw NewerFormat(layout.LatestPointerPath, parsed.FormatVersion);
        }

        return parsed.CheckpointId;
    }

    private async ValueTask<(CheckpointManifest? Manifest, string? DamagedPath, string? Reason)> TryLoadAsync(
        long checkpointId,
        CancellationToken cancellationToken)
    {
        var manifestPath = layout.ManifestPath(checkpointId);
        var bytes = await ReadAllAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, manifestPath, $"the manifest '{manifestPath}' is missing.");
        }

        CheckpointManifest manifest;
        try
        {
            manifest = CheckpointSerializer.DeserializeManifest(bytes);
        }
        catch (JsonException ex)
        {
            return (null, manifestPath, $"the manifest '{manifestPath}' is torn or unreadable: {ex.Message}");
        }

        if (manifest.FormatVersion > CheckpointManifest.CurrentFormatVersion)
        {
            throw NewerFormat(manifestPath, manifest.FormatVersion);
        }

        EnsureCompatible(manifest, manifestPath);
        if (manifest.CheckpointId != checkpointId)
        {
            return (null, manifestPath, $"the manifest '{manifestPath}' describes checkpoint {manifest.CheckpointId}.");
        }

        foreach (var taskState in manifest.TaskStates)
        {
            var failure = await StateFileVerifier.VerifyAsync(storage, taskState.Handle, layout, checkpointId, cancellationToken)
                .ConfigureAwait(false);
            if (failure is not null)
            {
                return (null, taskState.Handle.Path, failure);
            }
        }

        return (manifest, null, null);
    }

    private void EnsureCompatible(CheckpointManifest manifest, string manifestPath)
    {
        if (manifest.JobId != layout.JobId)
        {
            throw new IncompatibleCheckpointException(
                $"The checkpoint '{manifestPath}' belongs to job '{manifest.JobId}', not to job '{layout.JobId}'. "
                + "Start the job it belongs to, or give this job another --checkpoint-dir.");
        }

        if (manifest.TopologyFingerprint != topologyFingerprint)
        {
            throw new IncompatibleCheckpointException(
                $"The checkpoint '{manifestPath}' of job '{layout.JobId}' was taken from topology "
                + $"'{manifest.TopologyFingerprint}', but the job now has topology '{topologyFingerprint}'. Its state "
                + "cannot be restored into a different dataflow graph: run the job version that matches the "
                + "checkpoint, or give this job another --checkpoint-dir (or another job id) to start empty.");
        }
    }

    private IncompatibleCheckpointException NewerFormat(string path, int formatVersion) =>
        new($"'{path}' of job '{layout.JobId}' has format version {formatVersion}, but this build reads up to "
            + $"{CheckpointManifest.CurrentFormatVersion}. Run a newer Grainflow, or give this job another --checkpoint-dir.");

    private async ValueTask<byte[]?> ReadAllAsync(string path, CancellationToken cancellationToken)
    {
        var stream = await storage.TryOpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
