using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.AzureBlob;

internal sealed partial class BlobJobLease
{
    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.JobLeaseRenewFailed,
        Level = LogLevel.Warning,
        Message = "Renewing the writer lease of job {JobId} on {Location} failed ({Failure}); retrying every second, {SecondsLeft:0.#} s before the job must stop writing there")]
    private static partial void LogRenewFailed(ILogger logger, string jobId, string location, string failure, double secondsLeft);

    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.JobLeaseRenewedAgain,
        Level = LogLevel.Information,
        Message = "Renewed the writer lease of job {JobId} on {Location} again after {Failures} failed attempts")]
    private static partial void LogRenewedAgain(ILogger logger, string jobId, string location, int failures);

    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.JobLeaseLost,
        Level = LogLevel.Error,
        Message = "Lost the writer lease of job {JobId} on {Location}: {Reason}. The job stops writing there and fails back to its last checkpoint")]
    private static partial void LogLost(ILogger logger, string jobId, string location, string reason);

    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.JobLeaseReleaseFailed,
        Level = LogLevel.Information,
        Message = "Could not release the writer lease of job {JobId} on {Location} ({Failure}); it expires within {Seconds:0} s")]
    private static partial void LogReleaseFailed(ILogger logger, string jobId, string location, string failure, double seconds);
}
