namespace Grainflow.Streaming.Channels;

/// <summary>
/// Aligned checkpoint barriers for a task with several input channels. Once barrier N arrived on a channel,
/// that channel's later messages are held back until barrier N arrived on every live channel; only then is
/// the barrier handed out (the task snapshots) and the held-back messages after it. The snapshot thus reflects
/// exactly the records that precede barrier N on every channel. A channel that ended counts as aligned.
/// A newer barrier supersedes the one being aligned (its checkpoint was aborted, or a source skipped it for the
/// newer one): the held channels are released and the newer barrier is aligned instead; a barrier older than one
/// already aligned or superseded is dropped.
/// </summary>
/// <remarks>
/// Pull-based, so the task can await between items (a sink's pre-commit must finish before the next record).
/// Not thread-safe: the owning task calls it from its turns.
/// </remarks>
public sealed class BarrierAligner
{
    private readonly Queue<ChannelMessage>[] _queued;
    private readonly bool[] _blocked;
    private readonly bool[] _ended;
    private readonly bool[] _endReceived;
    private long _pendingBarrier;
    private long _lastReleasedBarrier;
    private int _blockedCount;
    private int _endedCount;
    private bool _endDelivered;

    /// <summary>Creates an aligner for <paramref name="channelCount"/> input channels.</summary>
    public BarrierAligner(int channelCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channelCount);
        _queued = new Queue<ChannelMessage>[channelCount];
        for (var i = 0; i < channelCount; i++)
        {
            _queued[i] = new Queue<ChannelMessage>();
        }

        _blocked = new bool[channelCount];
        _ended = new bool[channelCount];
        _endReceived = new bool[channelCount];
    }

    /// <summary>The number of messages received but not handed out yet (held back behind a barrier, or not pulled).</summary>
    public int QueuedCount => _queued.Sum(q => q.Count);

    /// <summary>The barrier being aligned, or 0.</summary>
    public long PendingBarrier => _pendingBarrier;

    /// <summary>How many barriers were given up because a newer one arrived before they aligned.</summary>
    public int SupersededCount { get; private set; }

    /// <summary>Whether channel <paramref name="channel"/> is held back behind the pending barrier.</summary>
    public bool IsBlocked(int channel) => _blocked[channel];

    /// <summary>Accepts a message from its channel.</summary>
    /// <exception cref="InvalidOperationException">A message arrived on a channel after its end.</exception>
    public void Add(ChannelMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Checked at arrival, not when the end is pulled: a message queued behind the end would otherwise be handed out.
        if (_endReceived[message.Channel])
        {
            throw new InvalidOperationException($"A message arrived on channel {message.Channel} after its end of input.");
        }

        _endReceived[message.Channel] = message.IsEndOfInput;
        _queued[message.Channel].Enqueue(message);
    }

    /// <summary>Hands out the next item that may be handled now; false when everything left is held back or nothing is queued.</summary>
    public bool TryNext(out AlignedInput next)
    {
        for (var channel = 0; channel < _queued.Length; channel++)
        {
            var queue = _queued[channel];
            while (!_blocked[channel] && queue.TryDequeue(out var message))
            {
                if (message.Records is { } records)
                {
                    next = AlignedInput.Data(records, channel);
                    return true;
                }

                if (message.IsBarrier && Block(message))
                {
                    // The channels held for the superseded barrier may come before this one: look again from the first.
                    channel = -1;
                    break;
                }

                if (message.IsEndOfInput)
                {
                    _ended[channel] = true;
                    _endedCount++;
                }

                if (TryCompleteAlignment(out next) || TryEnd(out next))
                {
                    return true;
                }
            }
        }

        return TryEnd(out next);
    }

    /// <summary>Takes a barrier; true when it superseded the barrier being aligned (held channels were released).</summary>
    private bool Block(ChannelMessage message)
    {
        var id = message.BarrierId;
        if (id <= _lastReleasedBarrier || (_pendingBarrier != 0 && id < _pendingBarrier))
        {
            // A barrier of a checkpoint already aligned or given up, from a channel that had not delivered it yet.
            return false;
        }

        var superseded = _pendingBarrier != 0 && id > _pendingBarrier;
        if (superseded)
        {
            _lastReleasedBarrier = _pendingBarrier;
            SupersededCount++;
            _blockedCount = 0;
            Array.Clear(_blocked);
        }

        _pendingBarrier = id;
        _blocked[message.Channel] = true;
        _blockedCount++;
        return superseded;
    }

    private bool TryCompleteAlignment(out AlignedInput next)
    {
        if (_pendingBarrier == 0 || _blockedCount + _endedCount < _blocked.Length)
        {
            next = default;
            return false;
        }

        next = AlignedInput.Barrier(_pendingBarrier);
        _lastReleasedBarrier = _pendingBarrier;
        _pendingBarrier = 0;
        _blockedCount = 0;
        Array.Clear(_blocked);
        return true;
    }

    private bool TryEnd(out AlignedInput next)
    {
        if (_endDelivered || _endedCount < _ended.Length)
        {
            next = default;
            return false;
        }

        _endDelivered = true;
        next = AlignedInput.End;
        return true;
    }
}
