namespace Grainflow.Streaming.Channels;

/// <summary>The receiving end of channels: a task that takes records and control events from its inputs.</summary>
public interface IChannelReceiver
{
    /// <summary>
    /// Takes the next message of one input channel. Messages may arrive out of order when a sender does not await
    /// each one: the receiver restores each channel's order from <see cref="ChannelMessage.Sequence"/>.
    /// </summary>
    Task ReceiveAsync(ChannelMessage message);
}
