namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>The outcome of a successful <see cref="CheckpointManager.PublishAsync"/>.</summary>
/// <param name="CheckpointId">The checkpoint now published as the latest.</param>
/// <param name="LatestVersion">The latest pointer's new version; pass it to the next publish.</param>
/// <param name="DeletedCheckpointIds">The checkpoint directories retention removed.</param>
public sealed record CheckpointPublishResult(
    long CheckpointId,
    StorageVersion LatestVersion,
    IReadOnlyList<long> DeletedCheckpointIds);
