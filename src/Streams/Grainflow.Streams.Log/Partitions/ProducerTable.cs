using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log.Storage;

namespace Grainflow.Streams.Log.Partitions;

/// <summary>
/// A partition's idempotence state: each producer's last durable sequence number and its offset, as Kafka's
/// idempotent producer keeps per partition. Rebuilt on open by reading the headers of the partition's records, so it
/// survives a restart of the silo without a file of its own. Not thread-safe: owned by the partition's appender.
/// </summary>
/// <remarks>
/// A producer the table does not know may start at any sequence (it may be new, or its records were removed by
/// retention). After that: <c>last + 1</c> is appended, <c>≤ last</c> is a retry of a stored append and is not
/// written again, anything higher is a gap (<see cref="ProducerSequenceException"/>) unless the append says its
/// producer's sequence numbers may skip, in which case any number above the last is appended.
/// </remarks>
internal sealed class ProducerTable
{
    private readonly Dictionary<string, (long Sequence, long Offset)> _last = new(StringComparer.Ordinal);

    public int Count => _last.Count;

    /// <summary>Reads every retained record of the partition from its first offset up to <paramref name="end"/>.</summary>
    public static async Task<ProducerTable> RebuildAsync(IReplayableLog log, int partition, long end, CancellationToken cancellationToken)
    {
        var table = new ProducerTable();
        var bounds = await log.GetBoundsAsync(partition, cancellationToken).ConfigureAwait(false);
        using var reader = await log.OpenReaderAsync(partition, bounds.FirstOffset, cancellationToken).ConfigureAwait(false);
        var batch = new LogRecordBatch();
        while (reader.Position < end && await reader.ReadAsync(batch, cancellationToken).ConfigureAwait(false) > 0)
        {
            foreach (var record in batch.Records)
            {
                var header = LogStreamRecord.ReadHeader(record.Payload.Span);
                if (header.ProducerId is { } producer)
                {
                    table.Record(producer, header.Sequence, record.Offset);
                }
            }
        }

        return table;
    }

    /// <summary>Decides what to do with an append of <paramref name="producerId"/> at <paramref name="sequence"/>.</summary>
    public ProducerCheck Check(string producerId, long sequence, bool sequenceMaySkip, out long lastSequence, out long lastOffset)
    {
        if (!_last.TryGetValue(producerId, out var last))
        {
            lastSequence = -1;
            lastOffset = -1;
            return ProducerCheck.Append;
        }

        (lastSequence, lastOffset) = last;
        if (sequence <= last.Sequence)
        {
            return ProducerCheck.Duplicate;
        }

        return sequence == last.Sequence + 1 || sequenceMaySkip ? ProducerCheck.Append : ProducerCheck.Gap;
    }

    public void Record(string producerId, long sequence, long offset) => _last[producerId] = (sequence, offset);

    /// <summary>Gets a producer's last stored sequence, or null when the partition does not know it.</summary>
    public long? LastSequence(string producerId) => _last.TryGetValue(producerId, out var last) ? last.Sequence : null;
}
