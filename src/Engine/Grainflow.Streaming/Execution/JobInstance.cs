using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Graph;

namespace Grainflow.Streaming.Execution;

/// <summary>
/// A job as one grain knows it: rebuilt on that grain's silo from the job's definition, its options and its
/// checkpoint storage, never shared with other grains. Every task and the coordinator hold their own.
/// </summary>
/// <param name="Graph">The job graph, built from the job's definition.</param>
/// <param name="Options">How the job runs.</param>
/// <param name="Checkpoints">The checkpoint protocol over the job's storage.</param>
/// <param name="Restore">What the job resumes from, or null for a fresh start.</param>
public sealed record JobInstance(JobGraph Graph, JobOptions Options, CheckpointManager Checkpoints, RestorePoint? Restore)
{
    /// <summary>The checkpoint or savepoint manifest the job resumed from (state and source offsets), or null for a fresh start.</summary>
    public CheckpointManifest? RestoredFrom => Restore?.Manifest;

    /// <summary>
    /// The manifest whose sink epochs the sinks recover to: the damaged checkpoint replayed past when the job recovers
    /// exactly past one (its output is committed, or is committed by this recovery), else <see cref="RestoredFrom"/>.
    /// </summary>
    public CheckpointManifest? OutputCommittedThrough => Restore?.ReplayThrough ?? RestoredFrom;

    /// <summary>Whether this start replays input whose output the sinks committed already, which they must drop.</summary>
    public bool ReplaysCommittedOutput => Restore?.ReplayThrough is not null;
}
