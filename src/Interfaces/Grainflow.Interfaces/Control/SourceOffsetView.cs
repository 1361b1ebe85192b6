namespace Grainflow.Interfaces.Control;

/// <summary>Where a source partition has read to.</summary>
public sealed record SourceOffsetView(string SourceId, int Partition, long Offset);
