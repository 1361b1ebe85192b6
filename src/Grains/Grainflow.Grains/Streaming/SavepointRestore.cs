using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Grains.Streaming;

/// <summary>A request to start a job from a savepoint.</summary>
/// <param name="Storage">The storage the savepoint lives in (the job's own, or another).</param>
/// <param name="Name">The savepoint's name.</param>
/// <param name="AllowNonRestoredState">Start even when the savepoint holds state no operator claims (that state is dropped).</param>
public sealed record SavepointRestore(ICheckpointStorage Storage, string Name, bool AllowNonRestoredState);
