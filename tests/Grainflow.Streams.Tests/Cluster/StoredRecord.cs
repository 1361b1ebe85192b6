using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Grainflow.Streams.Tests.Cluster;

/// <summary>One record of a stream as a partition stores it: its producer and sequence (when it has one) and its events.</summary>
internal sealed record StoredRecord(string? ProducerId, long Sequence, List<object> Events)
{
    /// <summary>Every record of <paramref name="streamId"/> in the provider's partitions under <paramref name="directory"/>, in offset order.</summary>
    public static async Task<List<StoredRecord>> ReadAsync(LogStreamCluster cluster, string directory, StreamId streamId)
    {
        var serializer = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer<LogStreamPayload>>();
        var log = SegmentLog.Open(directory, new SegmentLogOptions { PartitionCount = LogStreamCluster.Partitions, CreateIfMissing = false });
        var records = new List<StoredRecord>();
        var batch = new LogRecordBatch();
        for (var partition = 0; partition < log.PartitionCount; partition++)
        {
            using var reader = await log.OpenReaderAsync(partition, 0);
            while (await reader.ReadAsync(batch) > 0)
            {
                foreach (var record in batch.Records)
                {
                    var header = LogStreamRecord.ReadHeader(record.Payload.Span);
                    var payload = serializer.Deserialize(record.Payload[header.PayloadStart..])!;
                    if (payload.StreamId == streamId)
                    {
                        records.Add(new StoredRecord(header.ProducerId, header.Sequence, payload.Events));
                    }
                }
            }
        }

        return records;
    }
}
