using Grainflow.Streaming.Api;
using Grainflow.Streaming.Channels;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.KeyGroups;

namespace Grainflow.Streaming.Tasks;

/// <summary>
/// Routes records to the tasks of the next keyed operator by key group, in batches. Sends are pipelined, not
/// awaited one by one, so each carries its place in the channel and the receiver restores the order;
/// <see cref="FlushAsync"/> waits for the receivers, which is the back pressure.
/// </summary>
internal sealed class KeyedExchange<T, TKey>(
    IChannelReceiver[] targets,
    int channel,
    Func<T, TKey> keySelector,
    IKeyHasher<TKey> hasher,
    int maxParallelism,
    int batchSize) : TaskTerminal, ICollector<T>
{
    private static readonly IReadOnlyList<SinkCommitRecord> s_none = [];
    private readonly RecordBatch<T>?[] _buffers = new RecordBatch<T>?[targets.Length];
    private readonly long[] _sequences = new long[targets.Length];
    private readonly List<Task> _inFlight = [];

    public override object Collector => this;

    public void Collect(T record)
    {
        Emitted++;
        var keyGroup = KeyGroupAssignment.KeyGroupFor(hasher.Hash(keySelector(record)), maxParallelism);
        var target = KeyGroupAssignment.TaskFor(keyGroup, maxParallelism, targets.Length);
        var buffer = _buffers[target] ??= new RecordBatch<T>(batchSize);
        buffer.Add(record, keyGroup);
        if (buffer.IsFull)
        {
            Send(target);
        }
    }

    public override ValueTask FlushAsync()
    {
        SendPartialBatches();
        return AwaitInFlightAsync();
    }

    // The barrier is sent like a batch, in order, and not awaited: the receivers' snapshots must not hold up
    // this task (the next FlushAsync waits for them, as back pressure).
    public override ValueTask<IReadOnlyList<SinkCommitRecord>> OnBarrierAsync(long checkpointId)
    {
        SendPartialBatches();
        for (var target = 0; target < targets.Length; target++)
        {
            Track(targets[target].ReceiveAsync(ChannelMessage.Barrier(channel, checkpointId, _sequences[target]++)));
        }

        return ValueTask.FromResult(s_none);
    }

    private void SendPartialBatches()
    {
        for (var target = 0; target < _buffers.Length; target++)
        {
            if (_buffers[target] is { Count: > 0 })
            {
                Send(target);
            }
        }
    }

    private void Send(int target)
    {
        var batch = _buffers[target]!;
        _buffers[target] = null;
        Track(targets[target].ReceiveAsync(ChannelMessage.Data(channel, batch, _sequences[target]++)));
    }

    private void Track(Task send)
    {
        if (!send.IsCompletedSuccessfully)
        {
            _inFlight.Add(send);
        }
    }

    private ValueTask AwaitInFlightAsync()
    {
        if (_inFlight.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var all = Task.WhenAll(_inFlight);
        _inFlight.Clear();
        return new ValueTask(all);
    }
}
