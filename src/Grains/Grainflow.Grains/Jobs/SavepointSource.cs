namespace Grainflow.Grains.Jobs;

/// <summary>A request to start a job from a savepoint rather than its latest checkpoint.</summary>
/// <param name="Location">The checkpoint location the savepoint lives in (the job's own, or another).</param>
/// <param name="Name">The savepoint's name.</param>
/// <param name="AllowNonRestoredState">Start even when the savepoint holds state no operator claims (that state is dropped).</param>
[GenerateSerializer]
public sealed record SavepointSource(CheckpointLocation Location, string Name, bool AllowNonRestoredState);
