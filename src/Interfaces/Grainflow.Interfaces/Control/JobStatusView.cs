namespace Grainflow.Interfaces.Control;

/// <summary>A job's status as the control API reports it.</summary>
/// <param name="JobId">The job.</param>
/// <param name="State">One of <see cref="JobStates"/>.</param>
/// <param name="Message">Why it finished, failed or stopped; null while running.</param>
/// <param name="LastCompletedCheckpointId">The last completed checkpoint (0 for none).</param>
/// <param name="InFlightCheckpointId">The checkpoint in flight (0 for none).</param>
/// <param name="CompletedCheckpoints">Checkpoints completed since the job started in this silo.</param>
/// <param name="FailedCheckpoints">Checkpoints aborted since the job started in this silo.</param>
/// <param name="Operators">Records in and out per operator.</param>
/// <param name="SourceOffsets">Where each source partition has read to, and the offset of the last completed checkpoint.</param>
/// <param name="Tasks">Every task and the silo it runs on (empty while the job starts or after it ended).</param>
/// <param name="CoordinatorSilo">The silo the job's coordinator runs on.</param>
/// <param name="Restarts">How often the job rolled back to its last completed checkpoint after a failed or lost task.</param>
public sealed record JobStatusView(
    string JobId,
    string State,
    string? Message,
    long LastCompletedCheckpointId,
    long InFlightCheckpointId,
    int CompletedCheckpoints,
    int FailedCheckpoints,
    IReadOnlyList<OperatorMetricsView> Operators,
    IReadOnlyList<SourceOffsetView> SourceOffsets,
    IReadOnlyList<TaskView>? Tasks = null,
    string? CoordinatorSilo = null,
    int Restarts = 0);
