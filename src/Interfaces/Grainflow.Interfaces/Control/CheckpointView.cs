namespace Grainflow.Interfaces.Control;

/// <summary>A completed checkpoint.</summary>
/// <param name="CheckpointId">The checkpoint id.</param>
/// <param name="TriggeredAt">When the coordinator triggered it.</param>
/// <param name="DurationMs">From trigger to the published manifest.</param>
/// <param name="StateBytes">Bytes of state written.</param>
/// <param name="Tasks">Per task: alignment, synchronous and asynchronous durations.</param>
public sealed record CheckpointView(long CheckpointId, DateTimeOffset TriggeredAt, double DurationMs, long StateBytes, IReadOnlyList<TaskCheckpointView> Tasks);
