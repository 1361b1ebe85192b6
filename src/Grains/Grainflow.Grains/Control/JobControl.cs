using Grainflow.Interfaces.Control;
using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Grains.Control;

/// <summary>The control operations on this silo's jobs, over the job registry and the jobs' grains.</summary>
public sealed class JobControl(JobRegistry jobs, IGrainFactory grainFactory) : IJobControl
{
    public async Task<JobStatusView> GetStatusAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = Find(jobId);
        var checkpoints = await Coordinator(job).GetStatusAsync().WaitAsync(cancellationToken);
        var outcome = job.Outcome.IsCompleted ? await job.Outcome : null;
        var operators = job.Graph.Sources.Select(s => Metrics(job, s.Id, "source", s.Parallelism))
            .Concat(job.Graph.KeyedVertices.Select(k => Metrics(job, k.Id, "keyed", k.Parallelism)))
            .ToList();
        var offsets = job.Counters.SourcePositions
            .Select(p => new SourceOffsetView(p.Key.SourceId, p.Key.Partition, p.Value))
            .OrderBy(o => o.SourceId, StringComparer.Ordinal).ThenBy(o => o.Partition)
            .ToList();
        return new JobStatusView(
            jobId, StateOf(job, outcome), outcome?.Message, checkpoints.LastCompletedCheckpointId, checkpoints.InFlightCheckpointId,
            checkpoints.CompletedCount, checkpoints.FailedCount, operators, offsets);
    }

    public async Task<IReadOnlyList<CheckpointView>> ListCheckpointsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var status = await Coordinator(Find(jobId)).GetStatusAsync().WaitAsync(cancellationToken);
        return [.. status.History.Select(c => new CheckpointView(
            c.CheckpointId, c.TriggeredAt, c.Duration.TotalMilliseconds, c.StateBytes,
            [.. c.Tasks.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TaskCheckpointView(
                t.Key, t.Value.Alignment.TotalMilliseconds, t.Value.Synchronous.TotalMilliseconds, t.Value.Asynchronous.TotalMilliseconds, t.Value.StateBytes))]))];
    }

    public async Task<TriggeredCheckpointView> TriggerCheckpointAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = FindRunning(jobId);
        var id = await Coordinator(job).TriggerCheckpointAsync().WaitAsync(cancellationToken);
        return id > 0 ? new TriggeredCheckpointView(id)
            : throw new JobControlException(JobControlError.Conflict, $"Job '{jobId}' has a checkpoint in flight or is stopping; try again when it completes.");
    }

    public async Task<SavepointView> CreateSavepointAsync(string jobId, string name, CancellationToken cancellationToken = default)
    {
        var job = FindRunning(jobId);
        ValidateName(name);
        try
        {
            return View(await Coordinator(job).TriggerSavepointAsync(name).WaitAsync(cancellationToken));
        }
        catch (SavepointExistsException exception)
        {
            throw new JobControlException(JobControlError.Conflict, exception.Message);
        }
        catch (InvalidOperationException exception)
        {
            throw new JobControlException(JobControlError.Conflict, exception.Message);
        }
    }

    public async Task<IReadOnlyList<SavepointView>> ListSavepointsAsync(string jobId, CancellationToken cancellationToken = default) =>
        [.. (await Savepoints(Find(jobId)).ListAsync(cancellationToken)).Select(View)];

    public async Task DeleteSavepointAsync(string jobId, string name, CancellationToken cancellationToken = default)
    {
        var job = Find(jobId);
        ValidateName(name);
        try
        {
            await Savepoints(job).DeleteAsync(name, cancellationToken);
        }
        catch (SavepointNotFoundException exception)
        {
            throw new JobControlException(JobControlError.NotFound, exception.Message);
        }
    }

    public async Task<SavepointView?> StopAsync(string jobId, string? savepointName, CancellationToken cancellationToken = default)
    {
        var job = FindRunning(jobId);
        if (savepointName is not null)
        {
            ValidateName(savepointName);
        }

        try
        {
            var savepoint = await Coordinator(job).StopAsync(savepointName).WaitAsync(cancellationToken);
            return savepoint is null ? null : View(savepoint);
        }
        catch (Exception exception) when (exception is SavepointExistsException or InvalidOperationException)
        {
            throw new JobControlException(JobControlError.Conflict, exception.Message);
        }
    }

    public async Task<StateValueView> GetStateAsync(string jobId, string operatorId, string key, string? stateName, CancellationToken cancellationToken = default)
    {
        var job = FindRunning(jobId);
        var vertex = job.Graph.KeyedVertices.FirstOrDefault(v => v.Id == operatorId)
            ?? throw new JobControlException(JobControlError.NotFound,
                $"Job '{jobId}' has no keyed operator '{operatorId}' (it has {string.Join(", ", job.Graph.KeyedVertices.Select(v => v.Id))}).");
        try
        {
            var task = grainFactory.GetGrain<IKeyedTaskGrain>($"{jobId}/{operatorId}/{vertex.TaskOfKey(key)}");
            var result = await task.QueryStateAsync(stateName, key).WaitAsync(cancellationToken);
            return new StateValueView(operatorId, key, result.StateName, result.Found, result.Value);
        }
        catch (ArgumentException exception)
        {
            throw new JobControlException(JobControlError.Invalid, exception.Message);
        }
    }

    private static OperatorMetricsView Metrics(RunningJob job, string id, string kind, int parallelism)
    {
        var counters = job.Counters.For(id);
        return new OperatorMetricsView(id, kind, parallelism, counters.RecordsIn, counters.RecordsOut);
    }

    private static string StateOf(RunningJob job, JobOutcome? outcome) => outcome?.Kind switch
    {
        JobEndKind.Finished => JobStates.Finished,
        JobEndKind.Stopped => JobStates.Stopped,
        JobEndKind.Failed => JobStates.Failed,
        _ => job.State == JobRunState.Recovering ? JobStates.Recovering : JobStates.Running,
    };

    private static SavepointView View(SavepointInfo savepoint) =>
        new(savepoint.Name, savepoint.CheckpointId, savepoint.CreatedAt, savepoint.FormatVersion, savepoint.Path);

    private static SavepointStore Savepoints(RunningJob job) => new(job.Storage, job.Checkpoints.Layout);

    private static void ValidateName(string name)
    {
        try
        {
            Grainflow.Streaming.Checkpointing.Storage.CheckpointStorageLayout.ValidateName(name, nameof(name), "savepoint name");
        }
        catch (ArgumentException exception)
        {
            throw new JobControlException(JobControlError.Invalid, exception.Message);
        }
    }

    private ICheckpointCoordinatorGrain Coordinator(RunningJob job) => grainFactory.GetGrain<ICheckpointCoordinatorGrain>(job.Graph.JobId);

    private RunningJob Find(string jobId)
    {
        try
        {
            return jobs.Get(jobId);
        }
        catch (InvalidOperationException exception)
        {
            throw new JobControlException(JobControlError.NotFound, exception.Message);
        }
    }

    private RunningJob FindRunning(string jobId)
    {
        var job = Find(jobId);
        return job.Outcome.IsCompleted
            ? throw new JobControlException(JobControlError.Conflict, $"Job '{jobId}' is not running: {job.Outcome.Result.Message}")
            : job;
    }
}
