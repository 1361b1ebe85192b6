namespace Grainflow.Streaming.Channels;

/// <summary>
/// What one task sends another over their channel: records, or a control event. Messages of one channel
/// arrive in the order sent (the sender issues them one after another; the receiver's queue is FIFO).
/// </summary>
public sealed class ChannelMessage
{
    private ChannelMessage(int channel, RecordBatch? records, long barrierId, bool endOfInput)
    {
        Channel = channel;
        Records = records;
        BarrierId = barrierId;
        IsEndOfInput = endOfInput;
    }

    /// <summary>The receiver's input channel: the sending task's index among the receiver's inputs.</summary>
    public int Channel { get; }

    /// <summary>The records, for a data message.</summary>
    public RecordBatch? Records { get; }

    /// <summary>The checkpoint id, for a barrier; 0 otherwise.</summary>
    public long BarrierId { get; }

    /// <summary>Whether this is a barrier.</summary>
    public bool IsBarrier => BarrierId > 0;

    /// <summary>Whether the sender will send nothing more.</summary>
    public bool IsEndOfInput { get; }

    /// <summary>A data message.</summary>
    public static ChannelMessage Data(int channel, RecordBatch records) => new(channel, records, 0, endOfInput: false);

    /// <summary>The barrier of checkpoint <paramref name="checkpointId"/>.</summary>
    public static ChannelMessage Barrier(int channel, long checkpointId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(checkpointId);
        return new(channel, null, checkpointId, endOfInput: false);
    }

    /// <summary>The end of the channel.</summary>
    public static ChannelMessage EndOfInput(int channel) => new(channel, null, 0, endOfInput: true);

    /// <inheritdoc/>
    public override string ToString() =>
        IsBarrier ? $"Barrier({BarrierId}) on {Channel}" : IsEndOfInput ? $"EndOfInput on {Channel}" : $"{Records?.Count} records on {Channel}";
}
