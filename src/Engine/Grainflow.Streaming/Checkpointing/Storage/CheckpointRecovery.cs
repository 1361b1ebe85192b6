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
    public async ValueTask<CheckpointRecoveryResult> LoadLatestValidAsync(
        CheckpointRecoveryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<string>();
        var skipped = new List<SkippedCheckpoint>();
        var pointer = await storage.TryReadVersionedAsync(layout.LatestPointerPath, cancellationToken)
            .ConfigureAwait(false);
        var published = pointer is null ? null : ReadPublished(pointer, warnings);
        var publishedId = published?.LatestId;
        var listings = await CheckpointScanner.ScanAsync(storage, layout, cancellationToken).ConfigureAwait(false);

        // Directories above the published id were never published (a coordinator died between manifest and
        // pointer, or lost the race): restoring them would skip the sink commit protocol's ordering. Nor were
        // manifests below it that the pointer's history does not list. Without a readable pointer every complete
        // directory is a candidate; that is the best recovery can do.
        var candidates = listings.Keys
            .Concat(publishedId is { } id ? [id] : [])
            .Where(candidate => published is null || published.IsPublished(candidate))
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

            var (manifest, damage) = await TryLoadAsync(checkpointId, options, cancellationToken).ConfigureAwait(false);
            if (manifest is { } superseded && superseded.TopologyFingerprint != topologyFingerprint)
            {
                // Only a savepoint at least as new as this checkpoint lets TryLoadAsync pass another topology; older ones are older still.
                RefuseFallbackUnlessAllowed(skipped, options.SupersedingSavepointId, options);
                LogCheckpointSuperseded(logger, layout.JobId, checkpointId, options.SupersedingSavepointId!.Value);
                return new CheckpointRecoveryResult(null, pointer?.Version, highest, skipped, warnings);
            }

            if (manifest is not null)
            {
                if (options.ReplayPastDamagedCheckpoint && ReplayTarget(skipped, manifest, options) is { } target)
                {
                    LogReplayingPastDamaged(logger, layout.JobId, target.CheckpointId, skipped[0].DamagedPath, checkpointId);
                    return new CheckpointRecoveryResult(manifest, pointer?.Version, highest, skipped, warnings, target);
                }

                RefuseFallbackUnlessAllowed(skipped, checkpointId, options);
                LogCheckpointRecovered(logger, layout.JobId, checkpointId, skipped.Count);
                return new CheckpointRecoveryResult(manifest, pointer?.Version, highest, skipped, warnings);
            }

            skipped.Add(damage!);
            warnings.Add($"Checkpoint {checkpointId} skipped: {damage!.Reason}");
            LogCheckpointSkipped(logger, layout.JobId, checkpointId, damage.DamagedPath, damage.Reason);
        }

        RefuseFallbackUnlessAllowed(skipped, null, options);
        LogNoCheckpointFound(logger, layout.JobId, skipped.Count);
        return new CheckpointRecoveryResult(null, pointer?.Version, highest, skipped, warnings);
    }

    /// <summary>
    /// The damaged checkpoint a replay from <paramref name="fallback"/> can stop at exactly, or null where it cannot:
    /// nothing skipped may have committed output (a plain fallback repeats nothing), the newest damaged checkpoint's
    /// manifest is unreadable (its offsets are unknown), a savepoint is involved, or an offset of the fallback has no
    /// counterpart at or after it in the damaged checkpoint (a manifest that does not describe a later point of the same
    /// input). Only the newest damaged manifest matters: the epochs of older damaged ones lie below its offsets too.
    /// </summary>
    private static CheckpointManifest? ReplayTarget(List<SkippedCheckpoint> skipped, CheckpointManifest fallback, CheckpointRecoveryOptions options)
    {
        if (options.SupersedingSavepointId is not null || !skipped.Exists(s => s.MayHaveCommittedOutput) || skipped[0].Manifest is not { } target)
        {
            return null;
        }

        var ends = target.SourceOffsets.ToDictionary(o => (o.SourceId, o.Partition), o => o.Offset);
        var complete = target.SourceOffsets.Count == fallback.SourceOffsets.Count
            && fallback.SourceOffsets.All(o => ends.TryGetValue((o.SourceId, o.Partition), out var end) && end >= o.Offset);
        return complete ? target : null;
    }

    private void RefuseFallbackUnlessAllowed(List<SkippedCheckpoint> skipped, long? fallbackId, CheckpointRecoveryOptions options)
    {
        if (options.AllowFallbackWithDuplicates || skipped.Find(s => s.MayHaveCommittedOutput) is not { } damaged)
        {
            return;
        }

        var fallback = fallbackId is { } id ? $"checkpoint {id}" : "an empty start";
        var reason = damaged.Reason.ReplaceLineEndings(" ").TrimEnd('.');
        throw new DamagedCheckpointException(
            $"Checkpoint {damaged.CheckpointId} of job '{layout.JobId}' is damaged at '{damaged.DamagedPath}' ({reason}) and "
            + $"its output may already be committed, so falling back to {fallback} would repeat output. Restore a "
            + "savepoint, or accept repeated output with the AllowFallbackWithDuplicates option.",
            damaged.CheckpointId,
            damaged.DamagedPath,
            fallbackId);
    }

    private PublishedCheckpoints? ReadPublished(VersionedContent pointer, List<string> warnings)
    {
        var published = PublishedCheckpoints.TryParse(pointer, layout.JobId, layout.LatestPointerPath, out var error);
        if (error is not null)
        {
            warnings.Add($"The latest pointer '{layout.LatestPointerPath}' is unreadable ({error.Message}); every checkpoint directory is considered.");
            LogLatestPointerUnreadable(logger, error, layout.JobId, layout.LatestPointerPath);
        }

        return published;
    }

    private async ValueTask<(CheckpointManifest? Manifest, SkippedCheckpoint? Damage)> TryLoadAsync(
        long checkpointId,
        CheckpointRecoveryOptions options,
        CancellationToken cancellationToken)
    {
        var manifestPath = layout.ManifestPath(checkpointId);
        var bytes = await ReadAllAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, new SkippedCheckpoint(checkpointId, manifestPath, $"the manifest '{manifestPath}' is missing."));
        }

        CheckpointManifest manifest;
        try
        {
            manifest = CheckpointSerializer.DeserializeManifest(bytes);
        }
        catch (JsonException ex)
        {
            return (null, new SkippedCheckpoint(checkpointId, manifestPath, $"the manifest '{manifestPath}' is torn or unreadable: {ex.Message}"));
        }

        if (manifest.FormatVersion > CheckpointManifest.CurrentFormatVersion)
        {
            throw NewerFormat(manifestPath, manifest.FormatVersion);
        }

        EnsureCompatible(manifest, manifestPath, checkpointId <= options.SupersedingSavepointId);
        if (manifest.CheckpointId != checkpointId)
        {
            return (null, new SkippedCheckpoint(checkpointId, manifestPath, $"the manifest '{manifestPath}' describes checkpoint {manifest.CheckpointId}."));
        }

        if (manifest.TopologyFingerprint != topologyFingerprint)
        {
            return (manifest, null); // superseded by the savepoint being restored: its state is never read
        }

        // A readable manifest tells whether the checkpoint's sinks had anything to commit; without one, assume so.
        var recordsOutput = manifest.SinkCommits.Any(commit => commit.PendingFiles.Count > 0);
        foreach (var taskState in manifest.TaskStates)
        {
            var failure = await StateFileVerifier.VerifyAsync(storage, taskState.Handle, layout, checkpointId, cancellationToken)
                .ConfigureAwait(false);
            if (failure is not null)
            {
                return (null, new SkippedCheckpoint(checkpointId, taskState.Handle.Path, failure, recordsOutput, manifest));
            }
        }

        return (manifest, null);
    }

    private void EnsureCompatible(CheckpointManifest manifest, string manifestPath, bool supersededBySavepoint)
    {
        if (manifest.JobId != layout.JobId)
        {
            throw new IncompatibleCheckpointException(
                $"The checkpoint '{manifestPath}' belongs to job '{manifest.JobId}', not to job '{layout.JobId}'. "
                + "Start the job it belongs to, or give this job another --checkpoint-dir.");
        }

        if (manifest.TopologyFingerprint != topologyFingerprint && !supersededBySavepoint)
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
