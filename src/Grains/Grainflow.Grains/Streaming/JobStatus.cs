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
[GenerateSerializer]
public sealed record JobStatus(
    JobPhase Phase,
    JobOutcome? Outcome,
    CheckpointStatus Checkpoints,
    IReadOnlyList<TaskMetrics> Sources,
    IReadOnlyList<TaskMetrics> KeyedTasks,
    string CoordinatorSilo,
    IReadOnlyList<SourceOffsetRecord> CommittedOffsets);

/// <summary>Where a job is in its life.</summary>
[GenerateSerializer]
public enum JobPhase
{
    /// <summary>Restoring state and rewinding sources.</summary>
    Recovering,

    /// <summary>Processing records.</summary>
    Running,

    /// <summary>Ended; see <see cref="JobStatus.Outcome"/>.</summary>
    Ended,
}
