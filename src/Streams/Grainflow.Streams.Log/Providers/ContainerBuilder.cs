using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log.Storage;
using Orleans.Serialization;

namespace Grainflow.Streams.Log.Providers;

/// <summary>
/// Turns records read from a partition into batch containers: consecutive records of one stream whose producers set
/// no request context of their own share a container, up to a number of events; a record with its own request
/// context gets a container alone, so that its consumer sees that context.
/// </summary>
internal static class ContainerBuilder
{
    public static void Build(LogRecordBatch batch, int partition, Serializer<LogStreamPayload> serializer, int maxEvents, Queue<LogBatchContainer> output)
    {
        StreamId? stream = null;
        var events = new List<object>();
        var offsets = new List<long>();
        var indexes = new List<int>();
        foreach (var record in batch.Records)
        {
            var header = LogStreamRecord.ReadHeader(record.Payload.Span);
            var payload = serializer.Deserialize(record.Payload[header.PayloadStart..])
                ?? throw new InvalidDataException($"Record {record.Offset} of partition {partition} holds no payload.");
            if (payload.Events.Count == 0)
            {
                continue;
            }

            var alone = payload.RequestContext is not null;
            if (stream is { } current && (alone || !current.Equals(payload.StreamId) || events.Count + payload.Events.Count > maxEvents))
            {
                Flush(current, partition, events, offsets, indexes, null, output);
                stream = null;
            }

            for (var i = 0; i < payload.Events.Count; i++)
            {
                events.Add(payload.Events[i]);
                offsets.Add(record.Offset);
                indexes.Add(i);
            }

            if (alone)
            {
                Flush(payload.StreamId, partition, events, offsets, indexes, payload.RequestContext, output);
            }
            else
            {
                stream = payload.StreamId;
            }
        }

        if (stream is { } last)
        {
            Flush(last, partition, events, offsets, indexes, null, output);
        }
    }

    private static void Flush(
        StreamId stream, int partition, List<object> events, List<long> offsets, List<int> indexes,
        Dictionary<string, object>? requestContext, Queue<LogBatchContainer> output)
    {
        output.Enqueue(new LogBatchContainer(stream, partition, [.. events], [.. offsets], [.. indexes], requestContext));
        events.Clear();
        offsets.Clear();
        indexes.Clear();
    }
}
