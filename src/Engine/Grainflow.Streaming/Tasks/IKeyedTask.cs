using Grainflow.Streaming.Channels;

namespace Grainflow.Streaming.Tasks;

/// <summary>A keyed task's runtime, driven by its grain.</summary>
internal interface IKeyedTask
{
    /// <summary>Recovers the sink (if chained) and restores the task's key groups.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Handles one message; completes synchronously unless a barrier's sink pre-commit must be awaited.</summary>
    ValueTask ReceiveAsync(ChannelMessage message);

    /// <summary>Fires the processing-time timers due at <paramref name="now"/>.</summary>
    void FireTimers(DateTimeOffset now);

    /// <summary>Checkpoint <paramref name="checkpointId"/> completed.</summary>
    ValueTask NotifyCheckpointCompleteAsync(long checkpointId);

    /// <summary>Reads a state (the only one when <paramref name="stateName"/> is null) for a key given as text.</summary>
    /// <exception cref="ArgumentException">No such state, several states and none named, or a key that does not parse.</exception>
    StateQueryResult QueryState(string? stateName, string key);
}
