using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Grains.Jobs;

/// <summary>What a task grain is started with: the job, and the checkpoint or savepoint its state comes from.</summary>
/// <param name="Spec">The job.</param>
/// <param name="Restore">What to restore, or null for a fresh start.</param>
/// <param name="Attempt">
/// The job's attempt: a new one each time its coordinator starts or restarts it. Tasks only take records and
/// checkpoint calls of their own attempt, so nothing of an earlier one reaches the current one.
/// </param>
[GenerateSerializer]
public sealed record TaskStart(JobSpec Spec, RestoreSource? Restore, long Attempt);

/// <summary>A checkpoint or savepoint to restore, and where its state files are.</summary>
/// <param name="Manifest">The checkpoint's or savepoint's manifest.</param>
/// <param name="Location">The location its state files are read from.</param>
/// <param name="Description">"checkpoint 12" or "savepoint before-upgrade", for messages.</param>
/// <param name="ReplayThrough">The manifest of a newer, damaged checkpoint the job recovers exactly past by replaying up to its
/// offsets (<see cref="Grainflow.Streaming.Execution.RestorePoint.ReplayThrough"/>), or null.</param>
[GenerateSerializer]
public sealed record RestoreSource(CheckpointManifest Manifest, CheckpointLocation Location, string Description, CheckpointManifest? ReplayThrough = null);
