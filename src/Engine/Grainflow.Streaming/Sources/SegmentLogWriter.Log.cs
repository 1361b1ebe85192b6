using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Sources;

/// <summary>Log messages of <see cref="SegmentLogWriter"/>.</summary>
internal sealed partial class SegmentLogWriter
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Truncated the torn tail of segment {SegmentPath} at byte position {Position}: discarded {DiscardedBytes} bytes ({Reason})")]
    private static partial void LogTornTailTruncated(ILogger logger, string segmentPath, long position, long discardedBytes, string reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "Rewrote the incomplete header of segment {SegmentPath} ({Length} bytes); it held no records")]
    private static partial void LogTornHeaderRewritten(ILogger logger, string segmentPath, long length);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
        Message = "The durable mark {MarkPath} was damaged ({Problem}); replaced it with the end of the records recovered")]
    private static partial void LogDamagedMarkReplaced(ILogger logger, string markPath, string problem);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information,
        Message = "Kept the records of {PartitionDirectory} past its durable mark {Mark} (written before a crash, seen by no reader); the durable end is now {End}")]
    private static partial void LogRecordsPastMarkKept(ILogger logger, string partitionDirectory, long mark, long end);
}
