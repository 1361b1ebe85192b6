namespace Grainflow.Streams.Log.Partitions;

/// <summary>
/// The single writer of one partition of a log stream provider, keyed <c>"{provider}/{partition}"</c>. Producers
/// anywhere in the cluster (grains, or clients through a gateway) reach the partition through it; it appends,
/// makes appends durable by the provider's <see cref="LogDurability"/> policy, and deduplicates producers' retries.
/// </summary>
internal interface ILogPartitionGrain : IGrainWithStringKey
{
    /// <summary>Appends one record; completes once it is durable (or recognised as a retry of a durable one).</summary>
    /// <exception cref="ProducerSequenceException">The producer skipped a sequence number: an earlier append of it was lost.</exception>
    Task<LogAppendResult> AppendAsync(LogAppend append);
}
