using Microsoft.Extensions.Logging;

namespace Grainflow.Storage.AzureBlob.Internal;

internal sealed partial class BlobPipeline
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "{Request} attempt {Attempt} failed ({Reason}); retrying in {Delay} (transient failures in a row: {FailuresInARow}; until a request succeeds, only every {LogInterval}th is a warning)")]
    private static partial void LogRetrying(ILogger logger, BlobRequest request, int attempt, string reason, TimeSpan delay, int failuresInARow, int logInterval);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug,
        Message = "{Request} attempt {Attempt} failed ({Reason}); retrying in {Delay} (transient failures in a row: {FailuresInARow})")]
    private static partial void LogRetryingQuietly(ILogger logger, BlobRequest request, int attempt, string reason, TimeSpan delay, int failuresInARow);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Requests succeed again ({Request}) after {Failures} transient failure(s) in a row")]
    private static partial void LogRecovered(ILogger logger, BlobRequest request, int failures);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug,
        Message = "{Request} failed with status {Status} after {Attempts} attempt(s)")]
    private static partial void LogRequestFailed(ILogger logger, BlobRequest request, int status, int attempts);
}
