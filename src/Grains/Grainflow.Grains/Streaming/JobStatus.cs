using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Streaming;

/// <summary>A job as its coordinator reports it.</summary>
/// <param name="Phase">Where the job is in its life.</param>
/// <param name="Outcome">How it ended, once <see cref="JobPhase.Ended"/>.</param>
/// <param name="Checkpoints">Its checkpoints.</param>
/// <param name="Sources">Every source task's counters (empty unless asked for).</param>
/// <param name="KeyedTasks">Every keyed task's counters (empty unless asked for).</param>
/// <param name="CoordinatorSilo">The silo the coordinator runs on.</param>
/// <param name="CommittedOffsets">The source offsets of the last completed checkpoint (or of the restored one).</param>
/// <param name="Restarts">How often the job rolled back to its last checkpoint after a failed or lost task.</param>
/// <param name="Attempt">The running attempt's id: it changes with every start and restart, and fences off tasks of earlier attempts.</param>
[GenerateSerializer]
public sealed record JobStatus(
    JobPhase Phase,
    JobOutcome? Outcome,
    CheckpointStatus Checkpoints,
    IReadOnlyList<TaskMetrics> Sources,
    IReadOnlyList<TaskMetrics> KeyedTasks,
    string CoordinatorSilo,
    IReadOnlyList<SourceOffsetRecord> CommittedOffsets,
    int Restarts,
    long Attempt);

/// <summary>Where a job is in its life.</summary>
[GenerateSerializer]
public enum JobPhase
{
    /// <summary>Restoring state and rewinding sources.</summary>
    Recovering,

    /// <summary>Processing records.</summary>
    Running,

    /// <summary>A task failed or was lost: rolling back to the last completed checkpoint (see <see cref="JobStatus.Restarts"/>).</summary>
    Restarting,

    /// <summary>Ended; see <see cref="JobStatus.Outcome"/>.</summary>
    Ended,
}
