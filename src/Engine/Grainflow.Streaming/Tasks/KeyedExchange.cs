using Grainflow.Streaming.Api;
using Grainflow.Streaming.Channels;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.KeyGroups;

namespace Grainflow.Streaming.Tasks;

/// <summary>
/// Routes records to the tasks of the next keyed operator by key group, in batches, over one credit-based
/// <see cref="OutputChannel"/> per target. A batch without credit waits here; <see cref="FlushAsync"/> waits until
/// none does, which is the back pressure on a source, and <see cref="IsBackPressured"/> stops a keyed task from
/// taking more input meanwhile.
/// </summary>
internal sealed class KeyedExchange<T, TKey> : TaskTerminal, ICollector<T>
{
    private static readonly IReadOnlyList<SinkCommitRecord> s_none = [];
    private readonly OutputChannel[] _outputs;
    private readonly RecordBatch<T>?[] _buffers;
    private readonly Func<T, TKey> _keySelector;
    private readonly IKeyHasher<TKey> _hasher;
    private readonly int _maxParallelism;
    private readonly int _batchSize;
    private TaskCompletionSource? _creditWait;
    private Exception? _failure;

    public KeyedExchange(
        IChannelReceiver[] targets, int channel, Func<T, TKey> keySelector, IKeyHasher<TKey> hasher, int maxParallelism, int batchSize, int channelCredits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channelCredits);
        _outputs = [.. targets.Select(target => new OutputChannel(target, channel, channelCredits, OnCreditReturned, OnSendFailed))];
        _buffers = new RecordBatch<T>?[targets.Length];
        _keySelector = keySelector;
        _hasher = hasher;
        _maxParallelism = maxParallelism;
        _batchSize = batchSize;
    }

    public override object Collector => this;

    // Asked once per input batch a keyed task takes: a plain loop over the few outputs, no allocation.
    public override bool IsBackPressured
    {
        get
        {
            foreach (var output in _outputs)
            {
                if (output.IsWaitingForCredit)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public void Collect(T record)
    {
        Emitted++;
        var keyGroup = KeyGroupAssignment.KeyGroupFor(_hasher.Hash(_keySelector(record)), _maxParallelism);
        var target = KeyGroupAssignment.TaskFor(keyGroup, _maxParallelism, _outputs.Length);
        var buffer = _buffers[target] ??= new RecordBatch<T>(_batchSize);
        buffer.Add(record, keyGroup);
        if (buffer.IsFull)
        {
            Send(target);
        }
    }

    public override ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        SendPartialBatches();
        ThrowIfFailed();
        if (!IsBackPressured)
        {
            return ValueTask.CompletedTask;
        }

        _creditWait ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new ValueTask(_creditWait.Task.WaitAsync(cancellationToken));
    }

    // The barrier needs no credit: it goes right behind whatever data still waits for credit, and is not awaited (the
    // receivers' snapshots must not hold up this task).
    public override ValueTask<IReadOnlyList<SinkCommitRecord>> OnBarrierAsync(long checkpointId)
    {
        SendPartialBatches();
        foreach (var output in _outputs)
        {
            output.SendBarrier(checkpointId);
        }

        return ValueTask.FromResult(s_none);
    }

    public override void GrantCredit(int receiverIndex, int credits) => _outputs[receiverIndex].Grant(credits);

    public override void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new InvalidOperationException($"Sending to the next operator's tasks failed: {failure.Message}", failure);
        }
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
        _outputs[target].SendData(batch);
    }

    private void OnCreditReturned()
    {
        if (IsBackPressured)
        {
            return;
        }

        if (_creditWait is { } wait)
        {
            _creditWait = null;
            wait.TrySetResult();
        }

        CapacityRestored?.Invoke();
    }

    private void OnSendFailed(Exception exception)
    {
        _failure ??= exception;
        if (_creditWait is { } wait)
        {
            _creditWait = null;
            wait.TrySetException(exception);
        }

        CapacityRestored?.Invoke();
    }
}
