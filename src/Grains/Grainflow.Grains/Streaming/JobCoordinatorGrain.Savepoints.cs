using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Streaming;

/// <summary>Savepoints and stopping: a savepoint is a checkpoint kept under a name; a stop ends the job on a checkpoint boundary.</summary>
public sealed partial class JobCoordinatorGrain
{
    public async Task<SavepointInfo> TriggerSavepointAsync(string name)
    {
        EnsureRunning();
        return await TakeSavepointAsync(name);
    }

    public async Task<IReadOnlyList<SavepointInfo>> ListSavepointsAsync()
    {
        _ = Job;
        return await Savepoints().ListAsync();
    }

    public async Task DeleteSavepointAsync(string name)
    {
        _ = Job;
        await Savepoints().DeleteAsync(name);
    }

    public async Task<SavepointInfo?> StopAsync(string? savepointName, bool drain)
    {
        EnsureRunning();
        _stopping = true;
        SavepointInfo? savepoint = null;
        try
        {
            long? own = null;
            if (savepointName is not null)
            {
                savepoint = await TakeSavepointAsync(savepointName);
                own = savepoint.CheckpointId;
            }
            else if (drain)
            {
                own = await TakeStopCheckpointAsync();
            }

            await WaitForInFlightAsync();

            // A published checkpoint is committed by its tasks after publishing, and a savepoint copied from it: the stop
            // returns once that is done too, for every checkpoint still completing (an earlier savepoint's copy as well).
            if (_completing.Where(id => id != own).ToList() is { Count: > 0 } others)
            {
                LogStopWaitsForCompletions(Graph.JobId, string.Join(", ", others));
            }

            await _completion;
        }
        catch
        {
            // A stop whose savepoint or final checkpoint failed leaves the job running, as Flink's stop-with-savepoint does.
            _stopping = false;
            throw;
        }

        await Task.WhenAll(SourceGrains(Graph).Select(source => source.StopAsync()));
        Finish(new JobOutcome(
            JobEndKind.Stopped,
            savepoint is not null ? $"Stopped with savepoint '{savepoint.Name}' (checkpoint {savepoint.CheckpointId})."
            : drain ? $"Stopped on request after committing checkpoint {_lastCompletedId}."
            : $"Stopped on request without a final checkpoint; checkpoint {_lastCompletedId} is the last committed.",
            _lastCompletedId,
            CommittedInvalidInputCount));
        return savepoint;
    }

    private async Task<SavepointInfo> TakeSavepointAsync(string name)
    {
        if ((await Savepoints().ListAsync()).Any(s => s.Name == name))
        {
            throw new SavepointExistsException($"Job '{Graph.JobId}' already has a savepoint named '{name}'; savepoints are kept until deleted.");
        }

        await WaitForInFlightAsync();
        EnsureRunning(allowStopping: true);
        var pending = await TriggerAsync(name);
        var savepoint = await pending.Done.Task;
        return savepoint ?? throw new InvalidOperationException($"Savepoint '{name}' was not taken.");
    }

    // Everything the sources read before the stop is committed; what they read after the barrier is read again on restart.
    private async Task<long> TakeStopCheckpointAsync()
    {
        await WaitForInFlightAsync();
        EnsureRunning(allowStopping: true);
        var pending = await TriggerAsync();
        await pending.Done.Task;
        return pending.CheckpointId;
    }

    private async Task WaitForInFlightAsync()
    {
        while (_pending is { } inFlight)
        {
            // WhenAny, not the task itself: an unrelated periodic checkpoint that aborts must not fail this request.
            await Task.WhenAny(inFlight.Done.Task);
        }
    }

    private void EnsureRunning(bool allowStopping = false)
    {
        _ = Job;
        if (Finished || (_stopping && !allowStopping))
        {
            throw new InvalidOperationException($"Job '{Graph.JobId}' is not running (it is {(Finished ? _outcome!.Kind.ToString().ToLowerInvariant() : "stopping")}).");
        }

        if (!_running)
        {
            throw new InvalidOperationException(_restarting
                ? $"Job '{Graph.JobId}' is restarting from its last completed checkpoint; try again once it runs."
                : $"Job '{Graph.JobId}' is still starting; try again once it runs.");
        }
    }
}
