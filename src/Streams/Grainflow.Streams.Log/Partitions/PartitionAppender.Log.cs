using Microsoft.Extensions.Logging;

namespace Grainflow.Streams.Log.Partitions;

internal sealed partial class PartitionAppender
{
    [LoggerMessage(EventId = LogStreamEventIds.PartitionOpened, Level = LogLevel.Debug,
        Message = "Log stream partition {Partition} opened at offset {NextOffset} with {ProducerCount} known producers")]
    private static partial void LogOpened(ILogger logger, int partition, long nextOffset, int producerCount);

    [LoggerMessage(EventId = LogStreamEventIds.CommitFailed, Level = LogLevel.Error,
        Message = "Log stream partition {Partition} failed to make {AppendCount} appends durable; it reopens on the next append")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int partition, int appendCount);
}
