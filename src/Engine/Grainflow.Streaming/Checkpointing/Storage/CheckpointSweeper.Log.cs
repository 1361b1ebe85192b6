using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Checkpointing.Storage;

internal sealed partial class CheckpointSweeper
{
    [LoggerMessage(
        EventId = CheckpointStorageEventIds.OrphanCheckpointDeleted,
        Level = LogLevel.Information,
        Message = "Start-up sweep of job {JobId} deleted checkpoint {CheckpointId}, which was never published ({ObjectCount} objects)")]
    private static partial void LogOrphanCheckpointDeleted(ILogger logger, string jobId, long checkpointId, int objectCount);
}
