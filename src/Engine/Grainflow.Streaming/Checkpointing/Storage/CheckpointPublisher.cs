using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// Publish phase: the manifest is created (create-only), then the latest pointer is moved to it conditionally
/// on the version the coordinator last saw. Only the pointer update makes the checkpoint complete.
/// </summary>
internal sealed partial class CheckpointPublisher(
    ICheckpointStorage storage,
    CheckpointStorageLayout layout,
    string topologyFingerprint,
    ILogger logger)
{
    public async ValueTask<StorageVersion> PublishAsync(
        CheckpointManifest manifest,
        StorageVersion? expectedLatestVersion,
        CancellationToken cancellationToken)
    {
        Validate(manifest);
        var checkpointId = manifest.CheckpointId;
        var manifestPath = layout.ManifestPath(checkpointId);
        var manifestBytes = CheckpointSerializer.SerializeManifest(manifest);

        // A conflict here means another coordinator already wrote this checkpoint's manifest: it is theirs, so
        // it is left alone and nothing of ours became visible.
        await storage.CreateAsync(
            manifestPath,
            (stream, token) => stream.WriteAsync(manifestBytes, token),
            cancellationToken).ConfigureAwait(false);

        // The history only extends the pointer we expect to replace; if another writer moved it, the conditional
        // write below fails anyway.
        var previous = await PublishedCheckpoints.ReadAsync(storage, layout, cancellationToken).ConfigureAwait(false);
        var pointerBytes = CheckpointSerializer.SerializePointer(new LatestCheckpointPointer(
            CheckpointManifest.CurrentFormatVersion,
            checkpointId,
            PublishedCheckpoints.Append(previous?.Version == expectedLatestVersion ? previous : null, checkpointId)));
        try
        {
            var version = await storage.WriteConditionalAsync(
                layout.LatestPointerPath, pointerBytes, expectedLatestVersion, cancellationToken).ConfigureAwait(false);
            LogCheckpointPublished(logger, layout.JobId, checkpointId);
            return version;
        }
        catch (CheckpointConflictException)
        {
            return await ResolveConflictAsync(checkpointId, manifestPath).ConfigureAwait(false);
        }
    }

    private async ValueTask<StorageVersion> ResolveConflictAsync(long checkpointId, string manifestPath)
    {
        // A blob client that retried a timed-out conditional write sees its own first attempt as a conflict.
        // If the pointer names our checkpoint we did win; deleting the manifest then would destroy the latest
        // checkpoint. Only the create-only manifest write can give another writer the same id, and it did not.
        var current = await storage.TryReadVersionedAsync(layout.LatestPointerPath, CancellationToken.None)
            .ConfigureAwait(false);
        if (current is not null && TryReadPointer(current.Content.Span) == checkpointId)
        {
            LogPublishOutcomeResolved(logger, layout.JobId, checkpointId);
            return current.Version;
        }

        // The loser's manifest must go: a complete-looking but never published checkpoint of a stale
        // coordinator could otherwise be picked up by recovery's fall-back scan.
        await storage.DeleteAsync(manifestPath, CancellationToken.None).ConfigureAwait(false);
        LogPublishConflict(logger, layout.JobId, checkpointId);
        throw new CheckpointConflictException(
            $"Checkpoint {checkpointId} of job '{layout.JobId}' was not published: the latest pointer changed since "
            + "it was read, so another coordinator is active. This coordinator must stop.",
            layout.LatestPointerPath);
    }

    private static long? TryReadPointer(ReadOnlySpan<byte> content)
    {
        try
        {
            return CheckpointSerializer.DeserializePointer(content).CheckpointId;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private void Validate(CheckpointManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.FormatVersion != CheckpointManifest.CurrentFormatVersion)
        {
            throw new ArgumentException(
                $"The manifest has format version {manifest.FormatVersion}; this build writes {CheckpointManifest.CurrentFormatVersion}.",
                nameof(manifest));
        }

        if (manifest.JobId != layout.JobId || manifest.TopologyFingerprint != topologyFingerprint)
        {
            throw new ArgumentException(
                $"The manifest is for job '{manifest.JobId}' with topology '{manifest.TopologyFingerprint}'; this "
                + $"manager stores job '{layout.JobId}' with topology '{topologyFingerprint}'.",
                nameof(manifest));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(manifest.CheckpointId, nameof(manifest));
        foreach (var taskState in manifest.TaskStates)
        {
            // Retention deletes whole directories; a handle into another checkpoint's directory would dangle.
            if (!layout.IsStateFileOf(taskState.Handle.Path, manifest.CheckpointId))
            {
                throw new ArgumentException(
                    $"The state of task {taskState.Task} is stored at '{taskState.Handle.Path}', not in "
                    + $"'{layout.CheckpointDirectory(manifest.CheckpointId)}'.",
                    nameof(manifest));
            }
        }
    }
}
