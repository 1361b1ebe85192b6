using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Streaming;

/// <summary>The coordinator's log messages (event ids 4000-4099).</summary>
public sealed partial class JobCoordinatorGrain
{
    [LoggerMessage(4000, LogLevel.Debug, "Checkpoint {CheckpointId} triggered (final: {IsFinal}).")]
    private partial void LogTriggered(long checkpointId, bool isFinal);

    [LoggerMessage(4001, LogLevel.Debug, "Checkpoint {CheckpointId} completed in {DurationMs:0} ms ({StateBytes} bytes of state).")]
    private partial void LogCompleted(long checkpointId, double durationMs, long stateBytes);

    [LoggerMessage(4002, LogLevel.Warning,
        "Checkpoint {CheckpointId} aborted: {Reason}. Consecutive failed checkpoints: {ConsecutiveFailures} (failed so far: {FailedCount}); " +
        "the job goes on. Until one succeeds, only every {LogInterval}th failure is logged as a warning.")]
    private partial void LogAborted(long checkpointId, string reason, int consecutiveFailures, int failedCount, int logInterval);

    [LoggerMessage(4003, LogLevel.Warning, "Cleaning up aborted checkpoint {CheckpointId} failed: {Reason}; retention removes its files later.")]
    private partial void LogAbortCleanupFailed(long checkpointId, string reason);

    [LoggerMessage(4004, LogLevel.Debug,
        "Checkpoint {CheckpointId} aborted: {Reason}. Consecutive failed checkpoints: {ConsecutiveFailures} (failed so far: {FailedCount}).")]
    private partial void LogAbortedQuietly(long checkpointId, string reason, int consecutiveFailures, int failedCount);

    [LoggerMessage(4005, LogLevel.Debug, "Cleaning up aborted checkpoint {CheckpointId} failed: {Reason}.")]
    private partial void LogAbortCleanupFailedQuietly(long checkpointId, string reason);

    [LoggerMessage(4006, LogLevel.Information, "Checkpoint {CheckpointId} completed after {ConsecutiveFailures} consecutive failed checkpoints.")]
    private partial void LogRecovered(long checkpointId, int consecutiveFailures);

    [LoggerMessage(4007, LogLevel.Warning, "Starting the tasks of job {JobId} failed.")]
    private partial void LogStartFailed(Exception? exception, string jobId);

    [LoggerMessage(4008, LogLevel.Warning, "Committing checkpoint {CheckpointId} failed; the job restarts from its last completed checkpoint.")]
    private partial void LogCompletionFailed(Exception exception, long checkpointId);

    [LoggerMessage(4009, LogLevel.Information, "Job {JobId} ended ({Kind}): {Message}")]
    private partial void LogEnded(string jobId, Grainflow.Streaming.Execution.JobEndKind kind, string message);

    [LoggerMessage(4010, LogLevel.Debug, "Stopping the sources of ended job {JobId} failed.")]
    private partial void LogStopSourcesFailed(Exception exception, string jobId);

    [LoggerMessage(4011, LogLevel.Warning, "Job {JobId} restarts from its last completed checkpoint in {DelayMs:0} ms (restart {Restarts}): {Reason}")]
    private partial void LogRestarting(string jobId, string reason, int restarts, double delayMs);

    [LoggerMessage(4018, LogLevel.Warning, "Job {JobId} fails without a restart: {Reason} (reading the same input again from the last checkpoint would fail the same way).")]
    private partial void LogFailedWithoutRestart(string jobId, string reason);

    [LoggerMessage(4012, LogLevel.Information, "Job {JobId} restarted from checkpoint {CheckpointId} (restart {Restarts}).")]
    private partial void LogRestarted(string jobId, long checkpointId, int restarts);

    [LoggerMessage(4013, LogLevel.Information, "The coordinator of job {JobId} on this silo deactivates ({Reason}); another activation carries the job on.")]
    private partial void LogDeactivated(string jobId, string reason);

    [LoggerMessage(4014, LogLevel.Information, "Job {JobId} places {Moved} tasks anew (on a lost silo, or moving to even out the silos) and retires {Dropped} it no longer has.")]
    private partial void LogRebalanced(string jobId, int moved, int dropped);

    [LoggerMessage(4015, LogLevel.Information, "Job {JobId} rescales from savepoint {Savepoint} (checkpoint {CheckpointId}).")]
    private partial void LogRescaling(string jobId, string savepoint, long checkpointId);

    [LoggerMessage(4017, LogLevel.Information, "Stopping job {JobId} waits until checkpoint {CheckpointIds} finished completing (its commits, its savepoint copy).")]
    private partial void LogStopWaitsForCompletions(string jobId, string checkpointIds);

    [LoggerMessage(4016, LogLevel.Warning, "Job {JobId} places its tasks without a silo that joined: Orleans' cluster manifest did not list it within {Seconds:0} s.")]
    private partial void LogJoiningSiloNotPlaceable(string jobId, double seconds);
}
