using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Tasks;

/// <summary>The task runtimes' log messages (event ids 3200-3299).</summary>
internal static partial class TaskLog
{
    // Debug only: the coordinator reports the aborted checkpoint once, with this reason, and throttles repeats.
    [LoggerMessage(3200, LogLevel.Debug, "Task {TaskId} could not upload its state for checkpoint {CheckpointId}.")]
    public static partial void StateUploadFailed(ILogger logger, Exception exception, string taskId, long checkpointId);
}
