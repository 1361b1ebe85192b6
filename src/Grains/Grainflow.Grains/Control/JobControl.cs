using Grainflow.Grains.Jobs.Registry;
using Grainflow.Grains.Streaming;
using Grainflow.Interfaces.Control;
using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Control;

/// <summary>
/// The control operations on the cluster's jobs: calls to each job's coordinator grain and to the job registry,
/// failures classified once. Jobs are started from the definitions of <paramref name="specFactories"/>.
/// </summary>
public sealed partial class JobControl(IGrainFactory grainFactory, IEnumerable<IJobSpecFactory> specFactories) : IJobControl
{
    public async Task<JobStatusView> GetStatusAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var status = await CallAsync(jobId, c => c.GetStatusAsync(includeTasks: true), cancellationToken);
        var operators = status.Sources.GroupBy(t => t.OperatorId).Select(g => Metrics(g, "source"))
            .Concat(status.KeyedTasks.GroupBy(t => t.OperatorId).Select(g => Metrics(g, "keyed")))
            .ToList();
        var committed = status.CommittedOffsets.ToDictionary(o => (o.SourceId, o.Partition), o => o.Offset);
        var offsets = status.Sources
            .Select(t => new SourceOffsetView(t.OperatorId, t.Index, t.Position, committed.TryGetValue((t.OperatorId, t.Index), out var at) ? at : null))
            .OrderBy(o => o.SourceId, StringComparer.Ordinal).ThenBy(o => o.Partition)
            .ToList();
        var checkpoints = status.Checkpoints;
        return new JobStatusView(
            jobId, StateOf(status), status.Outcome?.Message, checkpoints.LastCompletedCheckpointId, checkpoints.InFlightCheckpointId,
            checkpoints.CompletedCount, checkpoints.FailedCount, operators, offsets,
            [.. status.Sources.Concat(status.KeyedTasks).Select(t => new TaskView(t.TaskId, t.OperatorId, t.Silo, t.RecordsIn, t.RecordsOut))],
            status.CoordinatorSilo,
            status.Restarts);
    }

    public async Task<IReadOnlyList<CheckpointView>> ListCheckpointsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var status = await CallAsync(jobId, c => c.GetStatusAsync(includeTasks: false), cancellationToken);
        return [.. status.Checkpoints.History.Select(c => new CheckpointView(
            c.CheckpointId, c.TriggeredAt, c.Duration.TotalMilliseconds, c.StateBytes,
            [.. c.Tasks.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TaskCheckpointView(
                t.Key, t.Value.Alignment.TotalMilliseconds, t.Value.Synchronous.TotalMilliseconds, t.Value.Asynchronous.TotalMilliseconds, t.Value.StateBytes))]))];
    }

    public async Task<TriggeredCheckpointView> TriggerCheckpointAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await EnsureRunningAsync(jobId, cancellationToken);
        var id = await CallAsync(jobId, c => c.TriggerCheckpointAsync(), cancellationToken);
        return id > 0 ? new TriggeredCheckpointView(id)
            : throw new JobControlException(JobControlError.Conflict, $"Job '{jobId}' has a checkpoint in flight or is stopping; try again when it completes.");
    }

    public async Task<SavepointView> CreateSavepointAsync(string jobId, string name, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        await EnsureRunningAsync(jobId, cancellationToken);
        return View(await CallAsync(jobId, c => c.TriggerSavepointAsync(name), cancellationToken));
    }

    public async Task<IReadOnlyList<SavepointView>> ListSavepointsAsync(string jobId, CancellationToken cancellationToken = default) =>
        [.. (await CallAsync(jobId, c => c.ListSavepointsAsync(), cancellationToken)).Select(View)];

    public async Task DeleteSavepointAsync(string jobId, string name, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        await CallAsync(jobId, async c => { await c.DeleteSavepointAsync(name); return true; }, cancellationToken);
    }

    public async Task<SavepointView?> StopAsync(string jobId, string? savepointName, bool drain = true, CancellationToken cancellationToken = default)
    {
        if (savepointName is not null)
        {
            ValidateName(savepointName);
        }

        await EnsureRunningAsync(jobId, cancellationToken);
        var registry = grainFactory.GetJobRegistry();
        var record = await registry.GetAsync(jobId).WaitAsync(cancellationToken);
        var savepoint = await CallAsync(jobId, c => c.StopAsync(savepointName, drain), cancellationToken);

        // Only the run that was stopped: a start of the same job id in between has a record of its own.
        if (record is { State: JobRunState.Running })
        {
            var how = savepoint is not null ? $" after savepoint '{savepoint.Name}'" : drain ? " after a final checkpoint" : " without a final checkpoint";
            await registry.RecordEndedAsync(jobId, record.RunId, JobRunState.Stopped, $"Stopped on request{how}.").WaitAsync(cancellationToken);
        }

        return savepoint is null ? null : View(savepoint);
    }

    public async Task<StateValueView> GetStateAsync(string jobId, string operatorId, string key, string? stateName, CancellationToken cancellationToken = default)
    {
        await EnsureRunningAsync(jobId, cancellationToken);
        var result = await CallAsync(jobId, c => c.QueryStateAsync(operatorId, stateName, key), cancellationToken);
        return new StateValueView(operatorId, key, result.StateName, result.Found, result.Value);
    }

    private static OperatorMetricsView Metrics(IGrouping<string, TaskMetrics> tasks, string kind) =>
        new(tasks.Key, kind, tasks.Count(), tasks.Sum(t => t.RecordsIn), tasks.Sum(t => t.RecordsOut));

    private static string StateOf(JobStatus status) => status.Outcome?.Kind switch
    {
        JobEndKind.Finished => JobStates.Finished,
        JobEndKind.Stopped or JobEndKind.Interrupted => JobStates.Stopped,
        JobEndKind.Failed => JobStates.Failed,
        _ => status.Phase switch
        {
            JobPhase.Recovering => JobStates.Recovering,
            JobPhase.Restarting => JobStates.Restarting,
            _ => JobStates.Running,
        },
    };

    private static SavepointView View(SavepointInfo savepoint) =>
        new(savepoint.Name, savepoint.CheckpointId, savepoint.CreatedAt, savepoint.FormatVersion, savepoint.Path);

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

    private async Task EnsureRunningAsync(string jobId, CancellationToken cancellationToken)
    {
        var status = await CallAsync(jobId, c => c.GetStatusAsync(includeTasks: false), cancellationToken);
        if (status.Outcome is { } outcome)
        {
            throw new JobControlException(JobControlError.Conflict, $"Job '{jobId}' is not running: {outcome.Message}");
        }
    }

    // Every coordinator failure is classified here, once: the exception types are the grain interface's contract.
    private async Task<T> CallAsync<T>(string jobId, Func<IJobCoordinatorGrain, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(grainFactory.GetGrain<IJobCoordinatorGrain>(jobId)).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is JobNotFoundException or KeyNotFoundException or SavepointNotFoundException)
        {
            throw new JobControlException(JobControlError.NotFound, exception.Message);
        }
        catch (Exception exception) when (exception is SavepointExistsException or InvalidOperationException)
        {
            throw new JobControlException(JobControlError.Conflict, exception.Message);
        }
        catch (ArgumentException exception)
        {
            throw new JobControlException(JobControlError.Invalid, exception.Message);
        }
    }
}
