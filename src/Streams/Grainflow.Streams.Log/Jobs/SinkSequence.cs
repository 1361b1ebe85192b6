namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// How a stream sink task numbers its appends to a partition as an idempotent producer: by epoch, then by the
/// append's index among the epoch's appends to that partition. Numbers increase with every append, so a retry of a
/// committed epoch (after a crash or a failed commit) is recognised append by append and stored once; they skip
/// (epochs without output, aborted checkpoints), which the records say (<c>sequenceMaySkip</c>).
/// </summary>
internal static class SinkSequence
{
    /// <summary>The most appends one epoch of one sink task may make to one partition.</summary>
    public const int MaxAppendsPerEpoch = 1 << IndexBits;

    private const int IndexBits = 20;

    /// <summary>The greatest epoch whose numbers fit in a sequence number.</summary>
    public const long MaxEpoch = long.MaxValue >> IndexBits;

    public static long Of(long epoch, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epoch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(epoch, MaxEpoch);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxAppendsPerEpoch);
        return (epoch << IndexBits) | (long)index;
    }
}
