namespace Grainflow.Streams.Log.Storage;

/// <summary>
/// The partitions' delivery marks: the offset before which every record was delivered to all consumers. A pulling
/// agent that takes a partition over starts there. Losing or damaging a mark repeats deliveries, never loses one.
/// </summary>
internal interface IDeliveryMarks
{
    /// <summary>The partition's mark, or null when it has none (or a damaged one).</summary>
    ValueTask<long?> ReadAsync(int partition, CancellationToken cancellationToken = default);

    /// <summary>Replaces the partition's mark durably.</summary>
    ValueTask WriteAsync(int partition, long offset, CancellationToken cancellationToken = default);
}
