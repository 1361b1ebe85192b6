using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log.Storage;
using Orleans.Serialization;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>Reads a Grainflow provider's partitions back from disk: each stream's records and events, to check against what was appended.</summary>
internal static class StoredStreams
{
    /// <summary>Counts the records and events of every stream of <paramref name="streamNamespace"/> in the partitions under <paramref name="directory"/>.</summary>
    public static async Task<Dictionary<string, StreamCount>> CountAsync(string directory, string streamNamespace, Serializer<LogStreamPayload> serializer)
    {
        var log = SegmentLog.Open(directory, new SegmentLogOptions { PartitionCount = BenchProviders.Partitions, CreateIfMissing = false });
        var counts = new Dictionary<string, StreamCount>(StringComparer.Ordinal);
        var batch = new LogRecordBatch();
        for (var partition = 0; partition < log.PartitionCount; partition++)
        {
            using var reader = await log.OpenReaderAsync(partition, 0).ConfigureAwait(false);
            while (await reader.ReadAsync(batch).ConfigureAwait(false) > 0)
            {
                Count(batch, streamNamespace, serializer, counts);
            }
        }

        return counts;
    }

    /// <summary>The first difference between what was appended and what is stored, or null when every stream holds exactly what was appended.</summary>
    public static string? FindDifference(IReadOnlyDictionary<string, StreamCount> appended, IReadOnlyDictionary<string, StreamCount> stored)
    {
        foreach (var (key, expected) in appended)
        {
            var actual = stored.GetValueOrDefault(key);
            if (actual != expected)
            {
                return $"stream '{key}': {expected.Records:#,0} appends of {expected.Events:#,0} events completed, {actual.Records:#,0} records of {actual.Events:#,0} events stored";
            }
        }

        var extra = stored.Keys.FirstOrDefault(k => !appended.ContainsKey(k));
        return extra is null ? null : $"stream '{extra}' is stored but was never appended to";
    }

    private static void Count(LogRecordBatch batch, string streamNamespace, Serializer<LogStreamPayload> serializer, Dictionary<string, StreamCount> counts)
    {
        foreach (var record in batch.Records)
        {
            var header = LogStreamRecord.ReadHeader(record.Payload.Span);
            var payload = serializer.Deserialize(record.Payload[header.PayloadStart..])
                ?? throw new InvalidDataException("A record holds no payload.");
            if (payload.StreamId.GetNamespace() != streamNamespace)
            {
                continue;
            }

            var key = payload.StreamId.GetKeyAsString();
            var count = counts.GetValueOrDefault(key);
            counts[key] = new StreamCount(count.Records + 1, count.Events + payload.Events.Count);
        }
    }
}
