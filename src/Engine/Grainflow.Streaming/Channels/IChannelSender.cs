namespace Grainflow.Streaming.Channels;

/// <summary>
/// The sending end of a channel, as its receiver sees it: where the receiver gives back credit it could not give back
/// in the answer to a data batch, because it processed that batch later (after a barrier alignment, or once its own
/// output had room again).
/// </summary>
public interface IChannelSender
{
    /// <summary>
    /// Gives <paramref name="credits"/> back to the sender's channel to receiver task <paramref name="receiverIndex"/>:
    /// it may send that many more data batches on it.
    /// </summary>
    Task GrantCreditAsync(int receiverIndex, int credits);
}
