using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Checkpointing.Storage;

internal sealed partial class CheckpointAborter
{
    [LoggerMessage(
        EventId = CheckpointStorageEventIds.CheckpointAborted,
        Level = LogLevel.Information,
        Message = "Aborted checkpoint {CheckpointId} of job {JobId}; deleted {FileCount} files")]
    private static partial void LogCheckpointAborted(ILogger logger, string jobId, long checkpointId, int fileCount);
}
