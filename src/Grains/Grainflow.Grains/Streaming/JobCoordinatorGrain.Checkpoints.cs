using Grainflow.Streaming.Coordination;

namespace Grainflow.Grains.Streaming;

/// <summary>Triggering checkpoints and collecting the tasks' answers.</summary>
public sealed partial class JobCoordinatorGrain
{
    private PendingCheckpoint? _publishing;
    private readonly SortedSet<long> _completing = [];
    private bool _finalPublished;

    public Task AcknowledgeAsync(long attempt, TaskAcknowledgement acknowledgement)
    {
        var pending = _pending;
        if (attempt == _attempt && pending is not null && pending.Acknowledge(acknowledgement) && pending.IsComplete)
        {
            // From here on the checkpoint can only be published, never aborted; and the task's call returns now:
            // publishing, committing and a savepoint copy run on the coordinator's own turns.
            _publishing = pending;
            _completing.Add(pending.CheckpointId);
            _completion = AfterCompletionsInProgress(CompleteAsync(pending));
        }

        return Task.CompletedTask;
    }

    // A completion can still run (a savepoint copy) when the next checkpoint completes: whoever awaits _completion (a
    // stop, a rescale, a restart) must wait for both, or a stopped job's savepoint would still be written.
    private Task AfterCompletionsInProgress(Task completion) =>
        _completion.IsCompleted ? completion : Task.WhenAll(_completion, completion);

    public async Task DeclineAsync(long attempt, long checkpointId, string taskId, string reason)
    {
        if (attempt == _attempt && _pending?.CheckpointId == checkpointId)
        {
            await AbortAsync(_pending, $"task {taskId} declined: {reason}");
        }
    }

    public async Task ReportEndOfInputAsync(long attempt, string taskId)
    {
        if (attempt != _attempt)
        {
            return;
        }

        _endedSources.Add(taskId);
        if (AllSourcesEnded && _pending is null && !_stopping && !Finished && !_finalPublished)
        {
            await TriggerAsync();
        }
    }

    public Task ReportFailureAsync(long attempt, string taskId, string error, bool lasting)
    {
        // A task of an earlier attempt fails as the restart stops it, or because its peers are gone: that was handled.
        if (attempt == _attempt)
        {
            _ = RestartAsync(new RestartCause($"task {taskId} failed: {error}", lasting));
        }

        return Task.CompletedTask;
    }

    private bool AllSourcesEnded => _job is { } job && job.Graph.IsBounded && _endedSources.Count == job.Graph.Sources.Sum(s => s.Parallelism);

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        if (Finished || !_running || _finalPublished || _deactivated)
        {
            return;
        }

        // Another process may own the location now: no checkpoint of this attempt may complete.
        if (WriterLockLoss() is { } lost)
        {
            _ = RestartAsync(lost);
            return;
        }

        // Orleans declared a silo dead: its tasks' state is gone with it, whether or not anything failed yet.
        if (DeadTaskSilo() is { } dead)
        {
            _ = RestartAsync($"silo {dead} running tasks of the job was declared dead");
            return;
        }

        var now = Clock.GetUtcNow();
        var options = Job.Options;
        if (_pending is { } pending)
        {
            if (now - pending.TriggeredAt >= options.CheckpointTimeout)
            {
                await AbortAsync(pending, $"not complete within {options.CheckpointTimeout.TotalSeconds:0.###} s; waiting for {string.Join(", ", pending.WaitingFor)}");
            }

            return;
        }

        if (_stopping)
        {
            return;
        }

        // The minimum pause holds for the final checkpoint too: a final checkpoint that keeps failing is retried at
        // that pace, not on every tick.
        var paused = now - _lastCompletedAt >= options.MinPauseBetweenCheckpoints;
        var due = options.CheckpointInterval != Timeout.InfiniteTimeSpan && now - _lastTriggeredAt >= options.CheckpointInterval;
        if (paused && (due || AllSourcesEnded || _replayingPastDamaged))
        {
            try
            {
                await TriggerAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A source that cannot take the trigger is lost (reactivated without its state, or its silo is gone).
                _ = RestartAsync($"triggering checkpoint {_pending?.CheckpointId} failed: {exception.Message}");
            }
        }
    }

    private async Task<PendingCheckpoint> TriggerAsync(string? savepointName = null)
    {
        var graph = Graph;
        var id = _nextCheckpointId++;
        var pending = new PendingCheckpoint(id, Clock.GetUtcNow(), graph.TaskIds, isFinal: AllSourcesEnded && savepointName is null, savepointName);
        _pending = pending;
        _lastTriggeredAt = pending.TriggeredAt;
        LogTriggered(id, pending.IsFinal);
        await Task.WhenAll(SourceGrains(graph).Select(source => source.TriggerCheckpointAsync(id)));
        return pending;
    }
}
