namespace Grainflow.Streaming.Channels;

/// <summary>
/// What one task sends another over their channel: records, or a control event. Each carries its place in the
/// channel (<see cref="Sequence"/>): grain calls that are not awaited one by one may arrive out of order, and the
/// receiver puts each channel back in send order before anything else looks at it.
/// </summary>
/// <remarks>Immutable once sent, so Orleans passes it by reference inside a silo instead of copying it.</remarks>
[GenerateSerializer]
[Immutable]
public sealed class ChannelMessage
{
    private ChannelMessage(int channel, long sequence, RecordBatch? records, long barrierId, bool endOfInput)
    {
        Channel = channel;
        Sequence = sequence;
        Records = records;
        BarrierId = barrierId;
        IsEndOfInput = endOfInput;
    }

    /// <summary>The receiver's input channel: the sending task's index among the receiver's inputs.</summary>
    [Id(0)]
    public int Channel { get; }

    /// <summary>The message's place in its channel, counted from 0 by the sender.</summary>
    [Id(1)]
    public long Sequence { get; }

    /// <summary>The records, for a data message.</summary>
    [Id(2)]
    public RecordBatch? Records { get; }

    /// <summary>The checkpoint id, for a barrier; 0 otherwise.</summary>
    [Id(3)]
    public long BarrierId { get; }

    /// <summary>Whether the sender will send nothing more.</summary>
    [Id(4)]
    public bool IsEndOfInput { get; }

    /// <summary>Whether this is a barrier.</summary>
    public bool IsBarrier => BarrierId > 0;

    /// <summary>A data message.</summary>
    public static ChannelMessage Data(int channel, RecordBatch records, long sequence = 0) => new(channel, sequence, records, 0, endOfInput: false);

    /// <summary>The barrier of checkpoint <paramref name="checkpointId"/>.</summary>
    public static ChannelMessage Barrier(int channel, long checkpointId, long sequence = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(checkpointId);
        return new(channel, sequence, null, checkpointId, endOfInput: false);
    }

    /// <summary>The end of the channel.</summary>
    public static ChannelMessage EndOfInput(int channel, long sequence = 0) => new(channel, sequence, null, 0, endOfInput: true);

    /// <inheritdoc/>
    public override string ToString() =>
        IsBarrier ? $"Barrier({BarrierId}) on {Channel}#{Sequence}"
        : IsEndOfInput ? $"EndOfInput on {Channel}#{Sequence}"
        : $"{Records?.Count} records on {Channel}#{Sequence}";
}
