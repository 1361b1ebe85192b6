namespace Grainflow.Streams.Log.Partitions;

/// <summary>The outcome of an append.</summary>
/// <param name="Offset">The record's offset in its partition; -1 for a duplicate older than the producer's last append.</param>
/// <param name="Duplicate">Whether the append repeated one already stored (a producer's retry) and was not written again.</param>
[GenerateSerializer]
[Immutable]
public sealed record LogAppendResult([property: Id(0)] long Offset, [property: Id(1)] bool Duplicate);
