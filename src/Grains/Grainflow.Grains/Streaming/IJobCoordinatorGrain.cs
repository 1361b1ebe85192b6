using Grainflow.Grains.Jobs;
using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// A running job's coordinator, keyed by job id: starts the job's tasks from the latest checkpoint (or a
/// savepoint), triggers checkpoints, collects every task's acknowledgement, publishes the manifest, then tells the
/// tasks to commit. Reentrant: tasks call it while it calls them.
/// </summary>
public interface IJobCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Finds what the job resumes from, then starts its tasks (keyed tasks first, then the sources) on the
    /// coordinator's own turn: returns once the restore point is chosen; <see cref="GetStatusAsync"/> says when it runs.
    /// </summary>
    /// <exception cref="InvalidOperationException">The job is already running.</exception>
    /// <exception cref="ArgumentException">Unknown definition or storage kind, or a bad parameter.</exception>
    /// <exception cref="Grainflow.Streaming.Checkpointing.Storage.IncompatibleCheckpointException">The location holds checkpoints of another job or topology.</exception>
    /// <exception cref="SavepointMismatchException">The savepoint holds state no operator claims, and that was not allowed.</exception>
    /// <exception cref="SavepointNotFoundException">No such savepoint.</exception>
    Task<JobStartResult> StartJobAsync(JobSpec spec);

    /// <summary>
    /// Keeps a job the cluster should be running running: an activation that is not running it (the coordinator's
    /// silo died, or the whole cluster restarted) starts it as <see cref="StartJobAsync"/> does, resuming from its
    /// checkpoints; one that runs or ran it leaves it alone. Returns the job's outcome once it ended, null while it runs.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="StartJobAsync"/>: the job cannot start at all.</exception>
    Task<JobOutcome?> EnsureRunningAsync(JobSpec spec);

    // The calls of tasks carry the attempt the task was started in: one from another attempt is ignored.

    /// <summary>A task's part of a checkpoint.</summary>
    Task AcknowledgeAsync(long attempt, TaskAcknowledgement acknowledgement);

    /// <summary>A task could not take part in a checkpoint; the checkpoint is aborted.</summary>
    Task DeclineAsync(long attempt, long checkpointId, string taskId, string reason);

    /// <summary>A bounded source task read its partition to the end.</summary>
    Task ReportEndOfInputAsync(long attempt, string taskId);

    /// <summary>
    /// A task failed: the job restarts from its last completed checkpoint, or fails once its restart strategy gives up;
    /// it fails at once when <paramref name="lasting"/> (input no restart can get past).
    /// </summary>
    Task ReportFailureAsync(long attempt, string taskId, string error, bool lasting);

    /// <summary>Triggers a checkpoint now (unless one is in flight); returns its id, or 0.</summary>
    /// <exception cref="JobNotFoundException">No such job.</exception>
    Task<long> TriggerCheckpointAsync();

    /// <summary>The job's state; with <paramref name="includeTasks"/>, each task's counters and silo (one call per task).</summary>
    /// <exception cref="JobNotFoundException">No such job.</exception>
    Task<JobStatus> GetStatusAsync(bool includeTasks);

    /// <summary>Takes a checkpoint (after the one in flight, if any) and keeps it as savepoint <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The job is not running, or the checkpoint was aborted.</exception>
    /// <exception cref="SavepointExistsException">The name is taken.</exception>
    Task<SavepointInfo> TriggerSavepointAsync(string name);

    /// <summary>The job's savepoints.</summary>
    Task<IReadOnlyList<SavepointInfo>> ListSavepointsAsync();

    /// <summary>Deletes a savepoint.</summary>
    /// <exception cref="SavepointNotFoundException">No such savepoint.</exception>
    Task DeleteSavepointAsync(string name);

    /// <summary>
    /// Stops the job: no periodic checkpoint is triggered after this call. With <paramref name="savepointName"/> a
    /// savepoint is taken first; without one, a final checkpoint commits everything read so far unless
    /// <paramref name="drain"/> is false (then only what the last completed checkpoint covers stays committed). If that
    /// savepoint or checkpoint fails, the job keeps running and the exception says why; otherwise the sources stop.
    /// </summary>
    Task<SavepointInfo?> StopAsync(string? savepointName, bool drain);

    /// <summary>
    /// Rescales the running job: takes savepoint <paramref name="savepointName"/>, stops its sources there, records
    /// <paramref name="rescaled"/> (the same job with other parameters, e.g. another parallelism) in the job registry,
    /// and starts it again from that savepoint in a new attempt, the tasks spread anew over the live silos. If the
    /// savepoint fails the job keeps running as it was; if the new spec cannot start, the job fails (restart it from
    /// the savepoint with <c>--from-savepoint</c>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="rescaled"/> changes the job's id, definition or checkpoint location.</exception>
    Task<JobRescaleResult> RescaleAsync(JobSpec rescaled, string savepointName);

    /// <summary>Reads a keyed operator's state for one key (the operator's only state when <paramref name="stateName"/> is null).</summary>
    /// <exception cref="JobNotFoundException">No such job.</exception>
    /// <exception cref="KeyNotFoundException">No such keyed operator.</exception>
    /// <exception cref="ArgumentException">No such state, or a key that does not parse.</exception>
    Task<StateQueryResult> QueryStateAsync(string operatorId, string? stateName, string key);
}
