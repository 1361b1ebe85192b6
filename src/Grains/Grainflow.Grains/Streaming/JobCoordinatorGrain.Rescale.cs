using Grainflow.Grains.Jobs;
using Grainflow.Grains.Jobs.Registry;
using Grainflow.Streaming.Checkpointing.Savepoints;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// Rescaling: the job takes a savepoint, its sources stop at it, and it starts again from that savepoint with a new
/// spec (another parallelism) in a new attempt, without ending; each task restores the key groups of its new range
/// from whichever state files hold them, and the tasks are spread anew over the silos (a silo that joined takes its share).
/// </summary>
public sealed partial class JobCoordinatorGrain
{
    public async Task<JobRescaleResult> RescaleAsync(JobSpec rescaled, string savepointName)
    {
        ArgumentNullException.ThrowIfNull(rescaled);
        EnsureRunning();
        if (rescaled.JobId != _spec!.JobId || rescaled.Checkpoints != _spec.Checkpoints || rescaled.Definition != _spec.Definition)
        {
            throw new ArgumentException($"A rescale of job '{_spec.JobId}' keeps its definition and checkpoint location.", nameof(rescaled));
        }

        // Refused before anything stops: a definition that ignores the new parameters would only restart the job.
        var graph = jobs.BuildGraph(rescaled);
        if (graph.TopologyFingerprint == Graph.TopologyFingerprint && !SameParameters(rescaled, _spec))
        {
            throw new ArgumentException(
                $"The new parameters leave the dataflow graph of job '{_spec.JobId}' as it is: definition '{_spec.Definition}' does not read them " +
                $"(a rescale sets '{JobSpec.ParallelismParameter}').");
        }

        // No periodic checkpoint after the savepoint: nothing the old attempt reads after its barrier may be committed.
        _stopping = true;
        SavepointInfo savepoint;
        try
        {
            savepoint = await TakeSavepointAsync(savepointName);
            await WaitForInFlightAsync();
            await _completion;
        }
        catch
        {
            // As a failed stop-with-savepoint does: the job keeps running as it was.
            _stopping = false;
            throw;
        }

        var spec = rescaled with { FromSavepoint = new SavepointSource(rescaled.Checkpoints, savepoint.Name, AllowNonRestoredState: false) };
        _restarting = true;
        _running = false;
        RestartCause? failure;
        JobRestorePlan? plan = null;
        try
        {
            failure = await RestartFromSavepointAsync(spec, savepoint, result => plan = result);
        }
        finally
        {
            _restarting = false;
        }

        if (failure is not null)
        {
            _ = RestartAsync(failure);
        }

        return plan is not null ? new JobRescaleResult(savepoint, plan.Warnings)
            : throw new InvalidOperationException($"Job '{spec.JobId}' took savepoint '{savepoint.Name}', then {failure?.Message}; it restarts from its last checkpoint.");
    }

    /// <summary>The restart half of a rescale; returns why the tasks could not start (the restart strategy takes over), or null.</summary>
    private async Task<RestartCause?> RestartFromSavepointAsync(JobSpec spec, SavepointInfo savepoint, Action<JobRestorePlan> planned)
    {
        try
        {
            await Task.WhenAll(SourceGrains(Graph).Select(source => source.StopAsync()));

            // Before the restart, so that a coordinator that dies from here on is restarted (by the job supervisor) with the
            // new spec, from this savepoint; dying before this line leaves the old spec, whose latest checkpoint is the same.
            // Either way the registry and this coordinator's own restarts agree on the spec.
            await GrainFactory.GetJobRegistry().RecordRescaledAsync(spec);
            _spec = spec;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _stopping = false;
            return new RestartCause($"rescaling failed before the restart: {exception.Message}", IsLasting: false);
        }

        JobRestorePlan plan;
        try
        {
            await ReleaseWriterLockAsync();
            plan = await JobRestorePlanner.PlanAsync(jobs, spec);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Finish(Failed($"Rescaling failed after savepoint '{savepoint.Name}' was taken: {exception.Message}"));
            throw;
        }

        planned(plan);
        Apply(plan);
        _stopping = false;
        LogRescaling(spec.JobId, savepoint.Name, savepoint.CheckpointId);
        return await StartTasksAsync();
    }

    private static bool SameParameters(JobSpec a, JobSpec b) =>
        a.Parameters.Count == b.Parameters.Count && a.Parameters.All(p => b.Parameters.TryGetValue(p.Key, out var value) && value == p.Value);
}
