namespace Grainflow.Streaming.Channels;

/// <summary>The next thing a task must handle, in the order barrier alignment allows.</summary>
public readonly record struct AlignedInput(AlignedInputKind Kind, RecordBatch? Records, long CheckpointId, int Channel = 0)
{
    /// <summary>Records to process, from input channel <paramref name="channel"/>.</summary>
    public static AlignedInput Data(RecordBatch records, int channel = 0) => new(AlignedInputKind.Records, records, 0, channel);

    /// <summary>Every live channel delivered barrier <paramref name="checkpointId"/>: snapshot now.</summary>
    public static AlignedInput Barrier(long checkpointId) => new(AlignedInputKind.BarrierAligned, null, checkpointId);

    /// <summary>Every channel ended.</summary>
    public static AlignedInput End => new(AlignedInputKind.EndOfInput, null, 0);
}

/// <summary>What an <see cref="AlignedInput"/> carries.</summary>
public enum AlignedInputKind
{
    /// <summary>Records.</summary>
    Records,

    /// <summary>A barrier aligned on every live channel.</summary>
    BarrierAligned,

    /// <summary>All input ended.</summary>
    EndOfInput,
}
