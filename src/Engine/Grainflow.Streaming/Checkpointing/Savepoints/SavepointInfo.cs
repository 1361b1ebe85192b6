namespace Grainflow.Streaming.Checkpointing.Savepoints;

/// <summary>A savepoint as listed: its name, the checkpoint it was taken as, and where it lives in the storage.</summary>
/// <param name="Name">The savepoint's name.</param>
/// <param name="CheckpointId">The checkpoint it was taken as.</param>
/// <param name="CreatedAt">When it completed.</param>
/// <param name="FormatVersion">Its format version (<see cref="SavepointStore.FormatVersion"/> when written by this build).</param>
/// <param name="Path">Its directory, relative to the checkpoint storage root.</param>
[GenerateSerializer]
public sealed record SavepointInfo(string Name, long CheckpointId, DateTimeOffset CreatedAt, int FormatVersion, string Path);
