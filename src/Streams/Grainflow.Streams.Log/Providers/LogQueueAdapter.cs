using Grainflow.Streams.Log.Partitions;
using Grainflow.Streams.Log.Storage;
using Orleans.Serialization;

namespace Grainflow.Streams.Log.Providers;

/// <summary>
/// The producing and receiving side of a log stream provider. Runs wherever a producer runs (a silo or a client): an
/// append is serialized here and sent to the partition's <see cref="ILogPartitionGrain"/>, which completes the call
/// once the record is durable. Receivers exist on silos only.
/// </summary>
internal sealed class LogQueueAdapter(
    string name, IStreamQueueMapper mapper, IGrainFactory grainFactory, Serializer<LogStreamPayload> serializer,
    Func<QueueId, IQueueAdapterReceiver> createReceiver) : IQueueAdapter
{
    public string Name { get; } = name;

    public bool IsRewindable => true;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (token is not null)
        {
            throw new ArgumentException("The Grainflow log stream provider assigns positions itself: append without a sequence token.", nameof(token));
        }

        var context = ProducerRequestContext.Extract(requestContext, out var producerId, out var sequence);
        var payload = serializer.SerializeToArray(new LogStreamPayload(streamId, events.Cast<object>().ToList(), context));
        var record = LogStreamRecord.Encode(producerId, sequence, payload);
        var partition = checked((int)mapper.GetQueueForStream(streamId).GetNumericId());
        await grainFactory.GetGrain<ILogPartitionGrain>(LogPartitionGrain.Key(Name, partition)).AppendAsync(new LogAppend(record));
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);
}
