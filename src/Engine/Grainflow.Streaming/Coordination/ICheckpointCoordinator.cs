namespace Grainflow.Streaming.Coordination;

/// <summary>What a task tells its job's checkpoint coordinator. Calls come from the task's own turn.</summary>
public interface ICheckpointCoordinator
{
    /// <summary>The task's part of a checkpoint.</summary>
    Task AcknowledgeAsync(TaskAcknowledgement acknowledgement);

    /// <summary>The task could not take part in checkpoint <paramref name="checkpointId"/>; the checkpoint is aborted.</summary>
    Task DeclineAsync(long checkpointId, string taskId, string reason);

    /// <summary>A bounded source task read its partition to the end.</summary>
    Task ReportEndOfInputAsync(string taskId);

    /// <summary>
    /// The task failed: the job restarts from its last checkpoint, or fails at once when <paramref name="lasting"/>
    /// (no restart can get past it: see <see cref="Execution.TaskFailure.IsLasting"/>).
    /// </summary>
    Task ReportFailureAsync(string taskId, string error, bool lasting);
}
