using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Jobs;

/// <summary>What a coordinator starts a job with: the job as it sees it, what recovery found, and what the tasks restore.</summary>
/// <param name="Job">The job, with the checkpoint protocol the coordinator publishes through.</param>
/// <param name="Storage">The job's checkpoint storage (savepoints are kept there too).</param>
/// <param name="Recovery">What recovery found in the job's own location.</param>
/// <param name="Restore">What the tasks restore, or null for a fresh start.</param>
/// <param name="Warnings">What to tell the user about the choice.</param>
/// <param name="WriterLock">This job's hold on its checkpoint location: no other process may publish there until it is disposed.</param>
/// <param name="FirstCheckpointId">The id the next checkpoint takes: past every checkpoint and every committed output epoch.</param>
public sealed record JobRestorePlan(
    JobInstance Job,
    ICheckpointStorage Storage,
    CheckpointRecoveryResult Recovery,
    RestoreSource? Restore,
    IReadOnlyList<string> Warnings,
    IAsyncDisposable WriterLock,
    long FirstCheckpointId);
