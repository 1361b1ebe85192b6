namespace Grainflow.Streaming.Channels;

/// <summary>
/// Puts every input channel of a task back in send order before its messages reach the barrier aligner.
/// Orleans orders two calls from one sender to one grain only when the first was awaited before the second was
/// made; senders pipeline their batches instead and number them, and this holds back a message that overtook an
/// earlier one of its channel until the gap is filled.
/// </summary>
/// <remarks>Not thread-safe: the owning task calls it from its turns.</remarks>
public sealed class ChannelSequencer(BarrierAligner aligner, int channelCount)
{
    private readonly long[] _next = new long[channelCount];
    private readonly Dictionary<(int Channel, long Sequence), ChannelMessage> _early = [];

    /// <summary>The number of messages held back behind a gap in their channel.</summary>
    public int HeldBackCount => _early.Count;

    /// <summary>Hands <paramref name="message"/> to the aligner once every earlier message of its channel has been.</summary>
    /// <exception cref="InvalidOperationException">The message was received before (a duplicate).</exception>
    public void Add(ChannelMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var channel = message.Channel;
        if (message.Sequence != _next[channel])
        {
            if (message.Sequence < _next[channel] || !_early.TryAdd((channel, message.Sequence), message))
            {
                throw new InvalidOperationException($"Message {message} was received twice.");
            }

            return;
        }

        aligner.Add(message);
        _next[channel]++;
        while (_early.Count > 0 && _early.Remove((channel, _next[channel]), out var next))
        {
            aligner.Add(next);
            _next[channel]++;
        }
    }
}
