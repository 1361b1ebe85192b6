using Grainflow.Streaming.Checkpointing.Savepoints;

namespace Grainflow.Grains.Streaming;

/// <summary>A rescaled job: the savepoint it moved through, and what its restart had to say.</summary>
/// <param name="Savepoint">The savepoint the job's state was redistributed from.</param>
/// <param name="Warnings">What planning the restart found worth saying.</param>
[GenerateSerializer]
public sealed record JobRescaleResult(SavepointInfo Savepoint, IReadOnlyList<string> Warnings);
