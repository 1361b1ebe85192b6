namespace Grainflow.Interfaces.Control;

/// <summary>Where a source partition has read to.</summary>
/// <param name="SourceId">The source's operator id.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">Where the source has read to.</param>
/// <param name="CommittedOffset">The offset the last completed checkpoint recorded (where a restart reads from); null before the first.</param>
public sealed record SourceOffsetView(string SourceId, int Partition, long Offset, long? CommittedOffset = null);
