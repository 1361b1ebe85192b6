using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Tasks;

/// <summary>The task runtimes' log messages (event ids 3200-3299).</summary>
internal static partial class TaskLog
{
    // Debug only: the coordinator reports the aborted checkpoint once, with this reason, and throttles repeats.
    [LoggerMessage(3200, LogLevel.Debug, "Task {TaskId} could not upload its state for checkpoint {CheckpointId}.")]
    public static partial void StateUploadFailed(ILogger logger, Exception exception, string taskId, long checkpointId);

    [LoggerMessage(3201, LogLevel.Warning, "Task {TaskId} could not give credit back to its input channel {Channel}; the job rolls back.")]
    public static partial void CreditGrantFailed(ILogger logger, Exception exception, string taskId, int channel);

    [LoggerMessage(3202, LogLevel.Error, "Task {TaskId} failed taking the input that waited for its output to have room.")]
    public static partial void ResumeFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(3203, LogLevel.Error, "Task {TaskId} could not report its failure to the coordinator.")]
    public static partial void FailureNotReported(ILogger logger, Exception exception, string taskId);
}
