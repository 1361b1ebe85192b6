using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Checkpointing.Storage;

internal sealed partial class CheckpointRetention
{
    [LoggerMessage(
        EventId = CheckpointStorageEventIds.CheckpointDeleted,
        Level = LogLevel.Debug,
        Message = "Retention deleted checkpoint {CheckpointId} of job {JobId} (completed: {Completed})")]
    private static partial void LogCheckpointDeleted(ILogger logger, string jobId, long checkpointId, bool completed);

    [LoggerMessage(
        EventId = CheckpointStorageEventIds.CheckpointDeleteFailed,
        Level = LogLevel.Warning,
        Message = "Retention could not delete checkpoint {CheckpointId} of job {JobId}; it is retried after the next publish")]
    private static partial void LogCheckpointDeleteFailed(ILogger logger, Exception exception, string jobId, long checkpointId);

    [LoggerMessage(
        EventId = CheckpointStorageEventIds.RetentionListFailed,
        Level = LogLevel.Warning,
        Message = "Retention after checkpoint {CheckpointId} of job {JobId} could not list the checkpoints; it is retried after the next publish")]
    private static partial void LogRetentionListFailed(ILogger logger, Exception exception, string jobId, long checkpointId);

    [LoggerMessage(
        EventId = CheckpointStorageEventIds.CheckpointHeldForCopy,
        Level = LogLevel.Debug,
        Message = "Retention left checkpoint {CheckpointId} of job {JobId} in place: a savepoint is being copied from it; a later retention deletes it")]
    private static partial void LogCheckpointHeld(ILogger logger, string jobId, long checkpointId);
}
