namespace Grainflow.Streaming.Sources.Readers;

/// <summary>
/// A partitioned replayable log as a source: one task per partition, whose offsets are the log's record offsets. A
/// bounded one ends at the end the log had when the task started reading; an unbounded one polls for new records.
/// </summary>
/// <param name="log">The log.</param>
/// <param name="decoder">Turns each record into the source's records.</param>
/// <param name="bounded">Whether the source ends.</param>
/// <param name="description">What identifies the source in the topology fingerprint.</param>
internal sealed class LogSourceFactory<T>(IReplayableLog log, ILogRecordDecoder<T> decoder, bool bounded, string description) : ISourceFactory<T>
{
    /// <summary>A log whose every record is one source record, decoded from its payload.</summary>
    public LogSourceFactory(IReplayableLog log, Func<ReadOnlyMemory<byte>, T> decode, bool bounded)
        : this(log, new PayloadDecoder<T>(decode), bounded, bounded ? "log-bounded" : "log")
    {
    }

    public int PartitionCount => log.PartitionCount;

    public bool IsBounded => bounded;

    public string Description => description;

    public ISourceReader<T> CreateReader(int partition) => new LogSourceReader<T>(log, partition, decoder, bounded);
}
