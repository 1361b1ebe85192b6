namespace Grainflow.Streaming.Sources.Readers;

/// <summary>Describes a partitioned source and opens readers of its partitions.</summary>
internal interface ISourceFactory<out T>
{
    int PartitionCount { get; }

    bool IsBounded { get; }

    /// <summary>What identifies the source in the topology fingerprint.</summary>
    string Description { get; }

    ISourceReader<T> CreateReader(int partition);
}
