using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.AzureBlob;

public sealed partial class BlobCheckpointStorage
{
    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.ContainerCreated,
        Level = LogLevel.Information,
        Message = "Created checkpoint container {Container}")]
    private static partial void LogContainerCreated(ILogger logger, string container);

    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.ContainerCreateForbidden,
        Level = LogLevel.Debug,
        Message = "Not allowed to create checkpoint container {Container} (status {Status}); assuming it exists")]
    private static partial void LogContainerCreateForbidden(ILogger logger, string container, int status);

    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.OwnWriteConfirmed,
        Level = LogLevel.Information,
        Message = "The write of {Path} failed with status {Status}, but the blob carries this write's id: an earlier attempt committed and its response was lost")]
    private static partial void LogOwnWriteConfirmed(ILogger logger, string path, int status);

    // Debug: the write's caller gets the failure and reports it (a store that is down fails every write, and the
    // checkpoint coordinator says so without a line per failure).
    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.WriteOutcomeUnknown,
        Level = LogLevel.Debug,
        Message = "The write of {Path} failed with status {Status} and its outcome could not be checked (reading it back: status {ReadBackStatus})")]
    private static partial void LogWriteOutcomeUnknown(ILogger logger, string path, int status, int readBackStatus);

    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.JobLeaseWaiting,
        Level = LogLevel.Information,
        Message = "The writer lease of job {JobId} on {Location} is held{Owner}; waiting up to {Seconds:0} s for it to expire, in case its holder died")]
    private static partial void LogJobLeaseWaiting(ILogger logger, string jobId, string location, string owner, double seconds);

    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.JobLeaseAcquired,
        Level = LogLevel.Information,
        Message = "Took over the writer lease of job {JobId} on {Location} after {Seconds:0.#} s: its holder had stopped renewing it")]
    private static partial void LogJobLeaseTakenOver(ILogger logger, string jobId, string location, double seconds);
}
