using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Execution;

/// <summary>
/// What a job resumes from: a checkpoint of its own, or a savepoint (possibly of an earlier version of the
/// job). State files are read through <see cref="StateReader"/>, which may be another storage than the job's.
/// </summary>
/// <param name="Manifest">The checkpoint or savepoint manifest.</param>
/// <param name="StateReader">Reads the manifest's state files.</param>
/// <param name="Description">"checkpoint 12" or "savepoint before-upgrade", for messages.</param>
public sealed record RestorePoint(CheckpointManifest Manifest, CheckpointManager StateReader, string Description);
