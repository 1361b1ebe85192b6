using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Checkpointing.Storage;

internal sealed partial class CheckpointRecovery
{
    [LoggerMessage(
        EventId = CheckpointStorageEventIds.CheckpointSkipped,
        Level = LogLevel.Warning,
        Message = "Checkpoint {CheckpointId} of job {JobId} is damaged at {DamagedPath} and was skipped; falling back to an older checkpoint: {Reason}")]
    private static partial void LogCheckpointSkipped(ILogger logger, string jobId, long checkpointId, string damagedPath, string reason);

    [LoggerMessage(
        EventId = CheckpointStorageEventIds.LatestPointerUnreadable,
        Level = LogLevel.Warning,
        Message = "The latest pointer {PointerPath} of job {JobId} is unreadable; considering every checkpoint directory")]
    private static partial void LogLatestPointerUnreadable(ILogger logger, Exception exception, string jobId, string pointerPath);

    [LoggerMessage(
        EventId = CheckpointStorageEventIds.CheckpointRecovered,
        Level = LogLevel.Information,
        Message = "Job {JobId} recovers from checkpoint {CheckpointId} ({SkippedCount} damaged checkpoints skipped)")]
    private static partial void LogCheckpointRecovered(ILogger logger, string jobId, long checkpointId, int skippedCount);

    [LoggerMessage(
        EventId = CheckpointStorageEventIds.NoCheckpointFound,
        Level = LogLevel.Information,
        Message = "Job {JobId} has no valid checkpoint and starts empty ({SkippedCount} damaged checkpoints skipped)")]
    private static partial void LogNoCheckpointFound(ILogger logger, string jobId, int skippedCount);

    [LoggerMessage(
        EventId = CheckpointStorageEventIds.CheckpointSuperseded,
        Level = LogLevel.Information,
        Message = "Checkpoint {CheckpointId} of job {JobId} was taken from another topology and is superseded by savepoint checkpoint {SavepointCheckpointId}, which is restored instead")]
    private static partial void LogCheckpointSuperseded(ILogger logger, string jobId, long checkpointId, long savepointCheckpointId);

    [LoggerMessage(
        EventId = CheckpointStorageEventIds.CheckpointReplayedPast,
        Level = LogLevel.Warning,
        Message = "Job {JobId} recovers exactly past damaged checkpoint {DamagedCheckpointId} (damaged at {DamagedPath}) by replaying from checkpoint {CheckpointId} up to its source offsets; the output it committed is not written again")]
    private static partial void LogReplayingPastDamaged(ILogger logger, string jobId, long damagedCheckpointId, string damagedPath, long checkpointId);
}
