namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>The offset a source partition is rewound to when the job recovers from the checkpoint.</summary>
/// <param name="SourceId">The source's id within the job's topology.</param>
/// <param name="Partition">The partition number.</param>
/// <param name="Offset">The offset of the first record <em>not</em> covered by the checkpoint.</param>
/// <param name="InvalidInputCount">
/// How much of the partition's input before <paramref name="Offset"/> was handled the documented way rather than read as it
/// was (invalid UTF-8 sequences read as U+FFFD). Kept with the offset so that a resumed run goes on counting from there and
/// reports the same total as an uninterrupted one. Manifests written before this field existed restore it as 0.
/// </param>
[GenerateSerializer]
public sealed record SourceOffsetRecord(string SourceId, int Partition, long Offset, long InvalidInputCount = 0);
