using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Grainflow.Streams.Log.Providers;

/// <summary>
/// Reads one partition for its pulling agent, from the partition's delivery mark, and groups consecutive records of
/// a stream into batch containers of up to <see cref="GrainflowLogStreamOptions.MaxEventsPerContainer"/> events.
/// Only durable records are read (the log hides the rest), so nothing delivered can be lost by a crash.
/// </summary>
internal sealed partial class LogQueueAdapterReceiver(
    LogStreamStore store, int partition, Serializer<LogStreamPayload> serializer, ILogger logger) : IQueueAdapterReceiver
{
    private readonly LogRecordBatch _batch = new();
    private readonly Queue<LogBatchContainer> _ready = new();
    private ILogReader? _reader;
    private long _deliveredMark;

    public async Task Initialize(TimeSpan timeout)
    {
        var log = store.Log;
        var bounds = await log.GetBoundsAsync(partition).ConfigureAwait(false);
        var mark = await store.DeliveryMarks.ReadAsync(partition).ConfigureAwait(false) ?? bounds.FirstOffset;
        var start = Math.Clamp(mark, bounds.FirstOffset, bounds.NextOffset);
        _deliveredMark = start;
        _reader = await log.OpenReaderAsync(partition, start).ConfigureAwait(false);
        LogStarted(logger, store.ProviderName, partition, start);
    }

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (_ready.Count == 0 && _reader is not null && await _reader.ReadAsync(_batch).ConfigureAwait(false) > 0)
        {
            ContainerBuilder.Build(_batch, partition, serializer, store.Options.MaxEventsPerContainer, _ready);
        }

        var count = maxCount < 0 ? _ready.Count : Math.Min(maxCount, _ready.Count);
        var messages = new List<IBatchContainer>(count);
        for (var i = 0; i < count; i++)
        {
            messages.Add(_ready.Dequeue());
        }

        return messages;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        var end = _deliveredMark;
        foreach (var message in messages)
        {
            end = Math.Max(end, ((LogBatchContainer)message).EndOffset);
        }

        if (end > _deliveredMark)
        {
            await store.DeliveryMarks.WriteAsync(partition, end).ConfigureAwait(false);
            _deliveredMark = end;
        }
    }

    public Task Shutdown(TimeSpan timeout)
    {
        _reader?.Dispose();
        _reader = null;
        _ready.Clear();
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = LogStreamEventIds.ReceiverStarted, Level = LogLevel.Debug,
        Message = "Log stream provider {Provider} reads partition {Partition} from offset {Offset}")]
    private static partial void LogStarted(ILogger logger, string provider, int partition, long offset);
}
