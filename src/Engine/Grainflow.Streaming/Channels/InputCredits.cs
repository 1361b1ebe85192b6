using System.Diagnostics;

namespace Grainflow.Streaming.Channels;

/// <summary>
/// The receiving side of credit-based flow control (as in Flink): each sender may have at most
/// <c>creditsPerChannel</c> data batches on its channel that the receiver has not processed yet, and gets the credit of
/// a batch back only once the batch was processed. A channel held back by barrier alignment (or a task whose own output
/// is full) therefore stops its sender, and the receiver never buffers more than that many batches per channel.
/// Barriers and end of input take no credit, so they always get through.
/// </summary>
/// <remarks>Not thread-safe: the owning task calls it from its turns.</remarks>
internal sealed class InputCredits(int channelCount, int creditsPerChannel)
{
    private readonly int[] _buffered = new int[channelCount];
    private readonly int[] _owed = new int[channelCount];
    private int _owedTotal;

    /// <summary>The most data batches one channel held at once, received and not processed yet (at most the credits).</summary>
    public int PeakBuffered { get; private set; }

    /// <summary>Counts a data batch in as it arrives (in any order: the sequencer may still hold it back).</summary>
    public void Received(ChannelMessage message)
    {
        if (message.Records is null)
        {
            return;
        }

        var buffered = ++_buffered[message.Channel];
        Debug.Assert(buffered <= creditsPerChannel, $"Channel {message.Channel} sent more data batches than it had credit for.");
        PeakBuffered = Math.Max(PeakBuffered, buffered);
    }

    /// <summary>A data batch of <paramref name="channel"/> was processed: its credit is owed to the sender.</summary>
    public void Processed(int channel)
    {
        _buffered[channel]--;
        _owed[channel]++;
        _owedTotal++;
    }

    /// <summary>Whether credit is owed to a channel other than <paramref name="channel"/> (to any channel, when it is negative).</summary>
    public bool IsOwedToOtherThan(int channel) => _owedTotal > (channel < 0 ? 0 : _owed[channel]);

    /// <summary>Takes the credit owed to <paramref name="channel"/> (to give it back): 0 when none is.</summary>
    public int TakeOwed(int channel)
    {
        var owed = _owed[channel];
        _owed[channel] = 0;
        _owedTotal -= owed;
        return owed;
    }
}
