namespace Grainflow.Interfaces.Control;

/// <summary>A savepoint: a checkpoint kept under a name until it is deleted, to restart or upgrade a job from.</summary>
/// <param name="Name">The savepoint's name.</param>
/// <param name="CheckpointId">The checkpoint it was taken as.</param>
/// <param name="CreatedAt">When it completed.</param>
/// <param name="FormatVersion">The savepoint format version.</param>
/// <param name="Location">What to pass to --from-savepoint.</param>
public sealed record SavepointView(string Name, long CheckpointId, DateTimeOffset CreatedAt, int FormatVersion, string Location);
