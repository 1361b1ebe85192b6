using Grainflow.Streaming.Channels;

namespace Grainflow.Streaming.Tasks;

/// <summary>A keyed task's runtime, driven by its grain.</summary>
internal interface IKeyedTask
{
    /// <summary>Recovers the sink (if chained) and restores the task's key groups.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Handles one message; completes synchronously unless a barrier's sink pre-commit must be awaited. Returns the
    /// credit given back to the message's channel (see <see cref="IChannelReceiver.ReceiveAsync"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">An earlier send of the task's own output failed.</exception>
    ValueTask<int> ReceiveAsync(ChannelMessage message);

    /// <summary>Receiver task <paramref name="receiverIndex"/> of the next operator gave back <paramref name="credits"/> credits.</summary>
    void GrantCredit(int receiverIndex, int credits);

    /// <summary>Fires the processing-time timers due at <paramref name="now"/>.</summary>
    void FireTimers(DateTimeOffset now);

    /// <summary>Checkpoint <paramref name="checkpointId"/> completed.</summary>
    ValueTask NotifyCheckpointCompleteAsync(long checkpointId);

    /// <summary>Reads a state (the only one when <paramref name="stateName"/> is null) for a key given as text.</summary>
    /// <exception cref="ArgumentException">No such state, several states and none named, or a key that does not parse.</exception>
    StateQueryResult QueryState(string? stateName, string key);
}
