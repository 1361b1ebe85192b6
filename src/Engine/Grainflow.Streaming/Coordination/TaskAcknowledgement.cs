using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Coordination;

/// <summary>A task's part of checkpoint <see cref="CheckpointId"/>: offsets it read to, state it wrote, epochs its sink pre-committed.</summary>
[GenerateSerializer]
public sealed record TaskAcknowledgement(
    long CheckpointId,
    string TaskId,
    IReadOnlyList<SourceOffsetRecord> SourceOffsets,
    TaskStateRecord? State,
    IReadOnlyList<SinkCommitRecord> SinkCommits,
    TaskCheckpointTimings Timings);

/// <summary>How long a task's part of a checkpoint took: waiting for alignment, the synchronous capture, the asynchronous upload.</summary>
[GenerateSerializer]
public sealed record TaskCheckpointTimings(TimeSpan Alignment, TimeSpan Synchronous, TimeSpan Asynchronous, long StateBytes);
