namespace Grainflow.Streaming.Coordination;

/// <summary>The checkpointing state of a job, as the coordinator sees it.</summary>
[GenerateSerializer]
public sealed record CheckpointStatus(
    long LastCompletedCheckpointId,
    int CompletedCount,
    int FailedCount,
    long InFlightCheckpointId,
    IReadOnlyList<CompletedCheckpointInfo> History);

/// <summary>One completed checkpoint.</summary>
[GenerateSerializer]
public sealed record CompletedCheckpointInfo(
    long CheckpointId,
    DateTimeOffset TriggeredAt,
    TimeSpan Duration,
    long StateBytes,
    IReadOnlyDictionary<string, TaskCheckpointTimings> Tasks);
