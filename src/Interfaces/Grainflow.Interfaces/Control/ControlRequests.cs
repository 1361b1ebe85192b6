namespace Grainflow.Interfaces.Control;

/// <summary>Body of POST /jobs/{jobId}/savepoints.</summary>
public sealed record CreateSavepointRequest(string Name);

/// <summary>
/// Body of POST /jobs/{jobId}/stop: stop, taking the named savepoint first when one is given; otherwise, unless
/// <paramref name="Drain"/> is false, taking a final checkpoint so that everything read so far is committed.
/// </summary>
public sealed record StopJobRequest(string? Savepoint, bool Drain = true);

/// <summary>Body of POST /jobs/{jobId}/rescale: the job's new parallelism.</summary>
public sealed record RescaleJobRequest(int Parallelism);

/// <summary>Answer of POST /jobs/{jobId}/checkpoints.</summary>
public sealed record TriggeredCheckpointView(long CheckpointId);
