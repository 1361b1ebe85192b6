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
            Finish(new JobOutcome(false, $"Another coordinator published checkpoints of job {job.Graph.JobId}: {exception.Message}", _lastCompletedId, _invalidInputCount));
            return;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await AbortAsync(pending, $"publishing failed: {exception.Message}");
            return;
        }

        _pending = null;
        _lastCompletedId = pending.CheckpointId;
        _lastCompletedAt = completedAt;
        _completedCount++;
        var info = new CompletedCheckpointInfo(
            pending.CheckpointId, pending.TriggeredAt, completedAt - pending.TriggeredAt,
            pending.Timings.Values.Sum(t => t.StateBytes), pending.Timings);
        _history.Add(info);
        if (_history.Count > HistoryLength)
        {
            _history.RemoveAt(0);
        }

        LogCompleted(pending.CheckpointId, info.Duration.TotalMilliseconds, info.StateBytes);
        job.OnCheckpointCompleted(info);
        await NotifyTasksAsync(pending.CheckpointId);
        if (pending.IsFinal)
        {
            Finish(new JobOutcome(true, $"All input consumed; final checkpoint {pending.CheckpointId} committed.", _lastCompletedId, _invalidInputCount));
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
        _lastCompletedAt = TimeProvider.GetUtcNow();
        LogAborted(pending.CheckpointId, reason, _failedCount);
        try
        {
            await Job.Checkpoints.AbortAsync(pending.CheckpointId);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogAbortCleanupFailed(pending.CheckpointId, exception.Message);
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
