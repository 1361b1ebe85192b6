using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Streaming;

/// <summary>The coordinator's log messages (event ids 4000-4099).</summary>
public sealed partial class CheckpointCoordinatorGrain
{
    [LoggerMessage(4000, LogLevel.Debug, "Checkpoint {CheckpointId} triggered (final: {IsFinal}).")]
    private partial void LogTriggered(long checkpointId, bool isFinal);

    [LoggerMessage(4001, LogLevel.Debug, "Checkpoint {CheckpointId} completed in {DurationMs:0} ms ({StateBytes} bytes of state).")]
    private partial void LogCompleted(long checkpointId, double durationMs, long stateBytes);

    [LoggerMessage(4002, LogLevel.Warning, "Checkpoint {CheckpointId} aborted: {Reason}. Failed checkpoints so far: {FailedCount}; the job goes on.")]
    private partial void LogAborted(long checkpointId, string reason, int failedCount);

    [LoggerMessage(4003, LogLevel.Warning, "Cleaning up aborted checkpoint {CheckpointId} failed: {Reason}; retention removes its files later.")]
    private partial void LogAbortCleanupFailed(long checkpointId, string reason);
}
