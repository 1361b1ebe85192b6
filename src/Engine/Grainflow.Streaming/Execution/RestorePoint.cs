using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Execution;

/// <summary>
/// What a job resumes from: a checkpoint of its own, or a savepoint (possibly of an earlier version of the
/// job). State files are read through <see cref="StateReader"/>, which may be another storage than the job's.
/// </summary>
/// <param name="Manifest">The checkpoint or savepoint manifest.</param>
/// <param name="StateReader">Reads the manifest's state files.</param>
/// <param name="Description">"checkpoint 12" or "savepoint before-upgrade", for messages.</param>
/// <param name="ReplayThrough">
/// The manifest of a newer, damaged checkpoint whose output the sinks committed, when the job recovers exactly past it
/// (<see cref="CheckpointRecoveryResult.ReplayThrough"/>): sources read from <paramref name="Manifest"/>'s offsets up
/// to this one's and stop there until a checkpoint taken there completes; sinks recover as of this checkpoint and drop
/// what they receive before their first barrier. Null for a plain restore.
/// </param>
public sealed record RestorePoint(CheckpointManifest Manifest, CheckpointManager StateReader, string Description, CheckpointManifest? ReplayThrough = null);
