namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>The offset a source partition is rewound to when the job recovers from the checkpoint.</summary>
/// <param name="SourceId">The source's id within the job's topology.</param>
/// <param name="Partition">The partition number.</param>
/// <param name="Offset">The offset of the first record <em>not</em> covered by the checkpoint.</param>
[GenerateSerializer]
public sealed record SourceOffsetRecord(string SourceId, int Partition, long Offset);
