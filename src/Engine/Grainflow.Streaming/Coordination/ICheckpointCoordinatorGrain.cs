namespace Grainflow.Streaming.Coordination;

/// <summary>
/// Coordinates a job's checkpoints (keyed by job id): triggers them, collects every task's acknowledgement,
/// publishes the manifest, then tells the tasks to commit. Reentrant: tasks call it while it calls them.
/// </summary>
public interface ICheckpointCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Starts periodic checkpoints.</summary>
    Task StartAsync();

    /// <summary>A task's part of a checkpoint.</summary>
    Task AcknowledgeAsync(TaskAcknowledgement acknowledgement);

    /// <summary>A task could not take part in a checkpoint; the checkpoint is aborted.</summary>
    Task DeclineAsync(long checkpointId, string taskId, string reason);

    /// <summary>A bounded source task read its partition to the end.</summary>
    Task ReportEndOfInputAsync(string taskId, long invalidInputCount);

    /// <summary>A task failed; the job fails.</summary>
    Task ReportFailureAsync(string taskId, string error);

    /// <summary>Triggers a checkpoint now (unless one is in flight); returns its id, or 0.</summary>
    Task<long> TriggerCheckpointAsync();

    /// <summary>The job's checkpoint status.</summary>
    Task<CheckpointStatus> GetStatusAsync();

    /// <summary>
    /// Takes a checkpoint (after the one in flight, if any) and keeps it as savepoint <paramref name="name"/>;
    /// completes when the savepoint is complete.
    /// </summary>
    /// <exception cref="InvalidOperationException">The job is not running, or the checkpoint was aborted.</exception>
    /// <exception cref="Checkpointing.Savepoints.SavepointExistsException">The name is taken.</exception>
    Task<Checkpointing.Savepoints.SavepointInfo> TriggerSavepointAsync(string name);

    /// <summary>
    /// Stops the job: no checkpoint is triggered after this call; with <paramref name="savepointName"/> a savepoint
    /// is taken first (if it fails, the job keeps running), then the sources stop.
    /// </summary>
    Task<Checkpointing.Savepoints.SavepointInfo?> StopAsync(string? savepointName);
}
