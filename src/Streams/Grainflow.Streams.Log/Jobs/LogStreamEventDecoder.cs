using System.Text;
using Grainflow.Streaming.Api;
using Grainflow.Streaming.Sources;
using Grainflow.Streaming.Sources.Readers;
using Grainflow.Streams.Log.Storage;
using Orleans.Serialization;

namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// Decodes the records of a log stream provider's partition for a job's source: reads the record header, deserializes
/// the append's events and emits those of streams in one namespace, in order. A record of another namespace yields
/// nothing; its offset still counts, so checkpoints record partition offsets, not event counts.
/// </summary>
internal sealed class LogStreamEventDecoder<T>(Serializer<LogStreamPayload> serializer, string streamNamespace) : ILogRecordDecoder<T>
{
    private readonly byte[] _namespace = Encoding.UTF8.GetBytes(streamNamespace);

    /// <exception cref="InvalidDataException">
    /// The record is not a log stream record, or an event of the namespace is not a <typeparamref name="T"/>. Either
    /// fails the job's attempt: the job rolls back to its last checkpoint rather than skip the record.
    /// </exception>
    public int Decode(int partition, LogRecord record, ICollector<T> output)
    {
        var header = LogStreamRecord.ReadHeader(record.Payload.Span);
        var payload = serializer.Deserialize(record.Payload[header.PayloadStart..])
            ?? throw new InvalidDataException($"Record {record.Offset} of partition {partition} holds no payload.");
        if (!payload.StreamId.Namespace.Span.SequenceEqual(_namespace))
        {
            return 0;
        }

        foreach (var item in payload.Events)
        {
            if (item is not T typed)
            {
                throw new InvalidDataException(
                    $"Record {record.Offset} of partition {partition} holds {(item is null ? "a null event" : $"an event of type {item.GetType().FullName}")} "
                    + $"in stream namespace '{streamNamespace}', whose source reads {typeof(T).FullName}: produce only that type to this namespace.");
            }

            output.Collect(typed);
        }

        // Events arrive deserialized: nothing in them is read other than as it was.
        return 0;
    }
}
