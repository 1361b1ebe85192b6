namespace Grainflow.Streaming.Sources.Readers;

/// <summary>
/// A partitioned replayable log as a source: one task per partition. A bounded one ends at the end the log
/// had when the task started reading; an unbounded one polls for new records.
/// </summary>
internal sealed class LogSourceFactory<T>(IReplayableLog log, Func<ReadOnlyMemory<byte>, T> decode, bool bounded) : ISourceFactory<T>
{
    public int PartitionCount => log.PartitionCount;

    public bool IsBounded => bounded;

    public string Description => bounded ? "log-bounded" : "log";

    public ISourceReader<T> CreateReader(int partition) => new LogSourceReader<T>(log, partition, decode, bounded);
}
