namespace Grainflow.Streaming.Channels;

/// <summary>The receiving end of channels: a task that takes records and control events from its inputs.</summary>
public interface IChannelReceiver
{
    /// <summary>
    /// Takes the next message of one input channel. Messages may arrive out of order when a sender does not await
    /// each one: the receiver restores each channel's order from <see cref="ChannelMessage.Sequence"/>.
    /// </summary>
    /// <returns>
    /// The credit given back to the message's channel with this answer: how many of that channel's data batches the
    /// receiver processed since it last gave credit back (0 when the message waits behind a barrier or a full output).
    /// Credit owed for a batch processed later comes back through <see cref="IChannelSender.GrantCreditAsync"/>.
    /// </returns>
    Task<int> ReceiveAsync(ChannelMessage message);
}
