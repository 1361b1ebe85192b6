using Microsoft.Extensions.Logging;

namespace Grainflow.Storage.AzureBlob.Internal;

internal sealed partial class BlobPipeline
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "{Request} attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, BlobRequest request, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug,
        Message = "{Request} failed with status {Status} after {Attempts} attempt(s)")]
    private static partial void LogRequestFailed(ILogger logger, BlobRequest request, int status, int attempts);
}
