using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Checkpointing.Storage;

internal sealed partial class CheckpointPublisher
{
    [LoggerMessage(
        EventId = CheckpointStorageEventIds.CheckpointPublished,
        Level = LogLevel.Debug,
        Message = "Published checkpoint {CheckpointId} of job {JobId}")]
    private static partial void LogCheckpointPublished(ILogger logger, string jobId, long checkpointId);

    [LoggerMessage(
        EventId = CheckpointStorageEventIds.PublishConflict,
        Level = LogLevel.Warning,
        Message = "Checkpoint {CheckpointId} of job {JobId} lost the race for the latest pointer to another coordinator; its manifest was withdrawn")]
    private static partial void LogPublishConflict(ILogger logger, string jobId, long checkpointId);

    [LoggerMessage(
        EventId = CheckpointStorageEventIds.PublishOutcomeResolved,
        Level = LogLevel.Information,
        Message = "The latest pointer of job {JobId} already names checkpoint {CheckpointId}; the reported conflict was this publisher's own retried write")]
    private static partial void LogPublishOutcomeResolved(ILogger logger, string jobId, long checkpointId);
}
