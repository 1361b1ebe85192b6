using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Grains.Streaming;

/// <summary>Savepoints and stopping: a savepoint is a checkpoint kept under a name; a stop ends the job on a checkpoint boundary.</summary>
public sealed partial class CheckpointCoordinatorGrain
{
    public async Task<SavepointInfo> TriggerSavepointAsync(string name)
    {
        EnsureRunning();
        return await TakeSavepointAsync(name);
    }

    public async Task<SavepointInfo?> StopAsync(string? savepointName)
    {
        EnsureRunning();
        _stopping = true;
        SavepointInfo? savepoint = null;
        try
        {
            savepoint = savepointName is null ? null : await TakeSavepointAsync(savepointName);
            while (_pending is { } inFlight)
            {
                await inFlight.Done.Task;
            }
        }
        catch
        {
            // A stop whose savepoint failed leaves the job running, as Flink's stop-with-savepoint does.
            _stopping = false;
            throw;
        }

        var graph = Job.Graph;
        await Task.WhenAll(graph.Sources.SelectMany(source => Enumerable.Range(0, source.Parallelism).Select(partition =>
            GrainFactory.GetGrain<ISourceTaskGrain>($"{graph.JobId}/{source.Id}/{partition}").StopAsync())));
        Finish(new JobOutcome(
            JobEndKind.Stopped,
            savepoint is null ? "Stopped on request." : $"Stopped with savepoint '{savepoint.Name}' (checkpoint {savepoint.CheckpointId}).",
            _lastCompletedId,
            _invalidInputCount));
        return savepoint;
    }

    private async Task<SavepointInfo> TakeSavepointAsync(string name)
    {
        var store = new SavepointStore(Job.Storage, Job.Checkpoints.Layout);
        if ((await store.ListAsync()).Any(s => s.Name == name))
        {
            throw new SavepointExistsException($"Job '{Job.Graph.JobId}' already has a savepoint named '{name}'; savepoints are kept until deleted.");
        }

        while (_pending is { } inFlight)
        {
            await inFlight.Done.Task;
        }

        await TriggerAsync(name);
        var savepoint = await _pending!.Done.Task;
        return savepoint ?? throw new InvalidOperationException($"Savepoint '{name}' was not taken.");
    }

    private void EnsureRunning()
    {
        if (_finished || _stopping)
        {
            throw new InvalidOperationException($"Job '{Job.Graph.JobId}' is not running (it is {(_finished ? "finished" : "stopping")}).");
        }
    }
}
