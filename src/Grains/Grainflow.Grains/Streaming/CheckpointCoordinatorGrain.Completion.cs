using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Grains.Streaming;

/// <summary>The end of a checkpoint: publish and commit, or abort and count.</summary>
public sealed partial class CheckpointCoordinatorGrain
{
    private async Task CompleteAsync(PendingCheckpoint pending)
    {
        var job = Job;
        var completedAt = TimeProvider.GetUtcNow();
        var manifest = pending.ToManifest(job.Graph.JobId, job.Graph.TopologyFingerprint, completedAt);
        try
        {
            var published = await job.Checkpoints.PublishAsync(manifest, _latestVersion);
            _latestVersion = published.LatestVersion;
        }
        catch (CheckpointConflictException exception)
        {
            pending.Done.TrySetException(exception);
            Finish(new JobOutcome(JobEndKind.Failed, $"Another coordinator published checkpoints of job {job.Graph.JobId}: {exception.Message}", _lastCompletedId, _invalidInputCount));
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Any storage's failure (IOException on disk, BlobStorageException from Azure): the checkpoint is lost, the
            // job is not. Letting it escape would only reach the acknowledging task, which would decline and log it again.
            await AbortAsync(pending, $"publishing failed: {exception.Message}");
            return;
        }

        _pending = null;
        _lastCompletedId = pending.CheckpointId;
        _lastCompletedAt = completedAt;
        _completedCount++;
        var timings = pending.Timings;
        var info = new CompletedCheckpointInfo(
            pending.CheckpointId, pending.TriggeredAt, completedAt - pending.TriggeredAt, timings.Values.Sum(t => t.StateBytes), timings);
        _history.Add(info);
        if (_history.Count > HistoryLength)
        {
            _history.RemoveAt(0);
        }

        LogCompleted(pending.CheckpointId, info.Duration.TotalMilliseconds, info.StateBytes);
        if (_consecutiveFailures > 0)
        {
            LogRecovered(pending.CheckpointId, _consecutiveFailures);
            _consecutiveFailures = 0;
        }

        job.OnCheckpointCompleted(info);
        if (pending.IsFinal)
        {
            // The coordinator is reentrant: without this, a tick during the commit below would trigger another
            // "final" checkpoint after the one that finishes the job.
            _finished = true;
        }

        await NotifyTasksAsync(pending.CheckpointId);
        await KeepAsSavepointAsync(pending, manifest);
        if (pending.IsFinal)
        {
            Finish(new JobOutcome(JobEndKind.Finished, $"All input consumed; final checkpoint {pending.CheckpointId} committed.", _lastCompletedId, _invalidInputCount));
        }
    }

    private async Task AbortAsync(PendingCheckpoint pending, string reason)
    {
        if (!ReferenceEquals(_pending, pending))
        {
            return;
        }

        _pending = null;
        _failedCount++;
        pending.Done.TrySetException(new InvalidOperationException($"Checkpoint {pending.CheckpointId} was aborted: {reason}"));
        _consecutiveFailures++;
        _lastCompletedAt = TimeProvider.GetUtcNow();
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
            var store = new SavepointStore(Job.Storage, Job.Checkpoints.Layout);
            pending.Done.TrySetResult(await store.CreateAsync(manifest, name, TimeProvider.GetUtcNow()));
        }
        catch (Exception exception)
        {
            pending.Done.TrySetException(exception);
        }
    }

    private Task NotifyTasksAsync(long checkpointId)
    {
        var graph = Job.Graph;
        var sources = graph.Sources.SelectMany(s => Enumerable.Range(0, s.Parallelism).Select(i =>
            GrainFactory.GetGrain<ISourceTaskGrain>($"{graph.JobId}/{s.Id}/{i}").NotifyCheckpointCompleteAsync(checkpointId)));
        var keyed = graph.KeyedVertices.SelectMany(k => Enumerable.Range(0, k.Parallelism).Select(i =>
            GrainFactory.GetGrain<IKeyedTaskGrain>($"{graph.JobId}/{k.Id}/{i}").NotifyCheckpointCompleteAsync(checkpointId)));
        return Task.WhenAll(sources.Concat(keyed));
    }

    private void Finish(JobOutcome outcome)
    {
        _finished = true;
        Job.Finish(outcome);
    }
}
