using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Streaming;

/// <summary>The end of a checkpoint: publish and commit, or abort and count; and the end of the job.</summary>
public sealed partial class JobCoordinatorGrain
{
    private async Task CompleteAsync(PendingCheckpoint pending)
    {
        try
        {
            // Held from before the publish until the copy is done: newer checkpoints may complete meanwhile (the
            // coordinator is reentrant), and their retention must not delete this one under the savepoint copy.
            using var hold = pending.SavepointName is null ? null : Job.Checkpoints.HoldForCopy(pending.CheckpointId);
            if (await PublishAsync(pending) is { } manifest)
            {
                await NotifyTasksAsync(pending.CheckpointId);
                await KeepAsSavepointAsync(pending, manifest);
                if (pending.IsFinal)
                {
                    Finish(new JobOutcome(JobEndKind.Finished, $"All input consumed; final checkpoint {pending.CheckpointId} committed.", _lastCompletedId, CommittedInvalidInputCount));
                }
            }
        }
        catch (Exception exception)
        {
            // Committing a published checkpoint failed (a task is gone, a sink cannot rename): the job cannot go on
            // exactly once from here without a restart from that checkpoint, whose recovery commits what it covers.
            pending.Done.TrySetException(exception);
            LogCompletionFailed(exception, pending.CheckpointId);
            _ = RestartAsync($"committing checkpoint {pending.CheckpointId} failed: {exception.Message}");
        }
        finally
        {
            _completing.Remove(pending.CheckpointId);
        }
    }

    /// <summary>Publishes the manifest; null when the checkpoint could not be published (and was aborted, or the job failed).</summary>
    private async Task<CheckpointManifest?> PublishAsync(PendingCheckpoint pending)
    {
        var job = Job;
        if (WriterLockLoss() is { } lost)
        {
            _publishing = null;
            await AbortAsync(pending, lost);
            _ = RestartAsync(lost);
            return null;
        }

        var completedAt = Clock.GetUtcNow();
        var manifest = pending.ToManifest(job.Graph.JobId, job.Graph.TopologyFingerprint, completedAt);
        try
        {
            var published = await job.Checkpoints.PublishAsync(manifest, _latestVersion);
            _latestVersion = published.LatestVersion;
        }
        catch (CheckpointConflictException exception)
        {
            // Another coordinator of this job published since this one read the latest checkpoint (one whose silo was
            // declared dead while it still ran): this attempt is stale. Rolling back reads what that one published.
            _publishing = null;
            _pending = null;
            pending.Done.TrySetException(exception);
            _ = RestartAsync($"another coordinator published checkpoints of job {job.Graph.JobId}: {exception.Message}");
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Any storage's failure (IOException on disk, RequestFailedException from Azure). A write whose answer was
            // lost may still have moved the pointer: if it names this checkpoint, the checkpoint is published, and
            // aborting it would delete the latest checkpoint and leave this coordinator with a stale pointer version.
            if (await PublishedDespiteAsync(pending.CheckpointId) is not { } version)
            {
                _publishing = null;
                await AbortAsync(pending, $"publishing failed: {exception.Message}");
                return null;
            }

            _latestVersion = version;
        }

        _pending = null;
        _publishing = null;

        // The coordinator is reentrant: without this, a tick during the commit that follows would trigger another
        // "final" checkpoint after the one that finishes the job.
        _finalPublished |= pending.IsFinal;
        _lastCompletedId = pending.CheckpointId;
        _replayingPastDamaged = false;
        _lastCompletedAt = completedAt;
        _committedOffsets = manifest.SourceOffsets;
        _completedCount++;
        _restarts.OnCheckpointCompleted();
        var timings = pending.Timings;
        _history.Add(new CompletedCheckpointInfo(
            pending.CheckpointId, pending.TriggeredAt, completedAt - pending.TriggeredAt, timings.Values.Sum(t => t.StateBytes), timings));
        if (_history.Count > HistoryLength)
        {
            _history.RemoveAt(0);
        }

        LogCompleted(pending.CheckpointId, (completedAt - pending.TriggeredAt).TotalMilliseconds, _history[^1].StateBytes);
        if (_consecutiveFailures > 0)
        {
            LogRecovered(pending.CheckpointId, _consecutiveFailures);
            _consecutiveFailures = 0;
        }

        return manifest;
    }

    private async Task<StorageVersion?> PublishedDespiteAsync(long checkpointId)
    {
        try
        {
            return await Job.Checkpoints.ReadLatestAsync() is { } latest && latest.CheckpointId == checkpointId ? latest.Version : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The store does not answer at all: the checkpoint counts as not published (the aborter checks again).
            return null;
        }
    }

    private async Task AbortAsync(PendingCheckpoint pending, string reason)
    {
        // A checkpoint whose acknowledgements are all in is being published: it is published or the publish fails,
        // never aborted underneath (its files would be deleted while latest points at it).
        if (!ReferenceEquals(_pending, pending) || ReferenceEquals(_publishing, pending))
        {
            return;
        }

        _pending = null;
        _failedCount++;
        pending.Done.TrySetException(new InvalidOperationException($"Checkpoint {pending.CheckpointId} was aborted: {reason}"));
        _consecutiveFailures++;
        _lastCompletedAt = Clock.GetUtcNow();
        var loud = IsLoggedLoudly(_consecutiveFailures);
        if (loud)
        {
            LogAborted(pending.CheckpointId, reason, _consecutiveFailures, _failedCount, FailureLogInterval);
        }
        else
        {
            LogAbortedQuietly(pending.CheckpointId, reason, _consecutiveFailures, _failedCount);
        }

        try
        {
            await Job.Checkpoints.AbortAsync(pending.CheckpointId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Best effort, like the cleanup itself: the storage that failed the checkpoint usually fails this too.
            if (loud)
            {
                LogAbortCleanupFailed(pending.CheckpointId, exception.Message);
            }
            else
            {
                LogAbortCleanupFailedQuietly(pending.CheckpointId, exception.Message);
            }
        }
    }

    // A storage outage fails every checkpoint until it ends: the first failure of a run of them is a warning, then
    // only every FailureLogInterval-th (with the count), so the log says what happened without a line per interval.
    private static bool IsLoggedLoudly(int consecutiveFailures) => consecutiveFailures == 1 || consecutiveFailures % FailureLogInterval == 0;

    private async Task KeepAsSavepointAsync(PendingCheckpoint pending, CheckpointManifest manifest)
    {
        if (pending.SavepointName is not { } name)
        {
            pending.Done.TrySetResult(null);
            return;
        }

        try
        {
            pending.Done.TrySetResult(await Savepoints().CreateAsync(manifest, name, Clock.GetUtcNow()));
        }
        catch (Exception exception)
        {
            pending.Done.TrySetException(exception);
        }
    }

    private Task NotifyTasksAsync(long checkpointId)
    {
        var graph = Graph;
        return Task.WhenAll(SourceGrains(graph).Select(s => s.NotifyCheckpointCompleteAsync(checkpointId))
            .Concat(KeyedGrains(graph).Select(k => k.NotifyCheckpointCompleteAsync(checkpointId))));
    }

    private SavepointStore Savepoints() => new(Job.Checkpoints);

    private void Finish(JobOutcome outcome)
    {
        if (Finished)
        {
            return;
        }

        _outcome = outcome;
        _pending?.Done.TrySetException(new InvalidOperationException($"Job '{Graph.JobId}' ended: {outcome.Message}"));
        LogEnded(Graph.JobId, outcome.Kind, outcome.Message);
        _ = StopSourcesAsync();
    }

    // The location's writer lock goes with the job, not with the activation: another run may take it now.
    private async Task ReleaseWriterLockAsync()
    {
        if (_writerLock is { } writerLock)
        {
            _writerLock = null;
            await writerLock.DisposeAsync();
        }
    }

    // The location is released first, before the ended job is visible to anyone polling its status (a local lock is
    // released synchronously): a user who sees it ended may start it again at once. Then the sources' read loops stop,
    // so an ended job sends nothing more; a source that is gone already is no concern.
    private async Task StopSourcesAsync()
    {
        await ReleaseWriterLockAsync();
        try
        {
            await Task.WhenAll(SourceGrains(Graph).Select(s => s.StopAsync()));
        }
        catch (Exception exception)
        {
            LogStopSourcesFailed(exception, Graph.JobId);
        }
    }
}
