using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Checkpointing.Storage;

public sealed partial class CheckpointManager
{
    [LoggerMessage(
        EventId = CheckpointStorageEventIds.WriterLockUnsupported,
        Level = LogLevel.Warning,
        Message = "The checkpoint storage {StorageType} of job {JobId} cannot lock the job's location: nothing stops a second process from running the job there")]
    private static partial void LogWriterLockUnsupported(ILogger logger, string jobId, string storageType);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
