using Grainflow.Streaming.Channels;

namespace Grainflow.Streaming.Tasks;

/// <summary>
/// Runs one keyed operator for one key-group range: keyed state, the user's process function, and the chained
/// operators and sink after it. Keyed "&lt;job&gt;/&lt;operator id&gt;/&lt;task index&gt;".
/// </summary>
public interface IKeyedTaskGrain : IGrainWithStringKey
{
    /// <summary>Restores the task's key groups from the job's restored checkpoint (if any).</summary>
    Task StartAsync();

    /// <summary>Takes the next message of one input channel.</summary>
    Task ReceiveAsync(ChannelMessage message);

    /// <summary>Checkpoint <paramref name="checkpointId"/> is complete: commit what it covers.</summary>
    Task NotifyCheckpointCompleteAsync(long checkpointId);

    /// <summary>
    /// Reads <paramref name="stateName"/> (the operator's only state when null) for the key whose text form is
    /// <paramref name="key"/>. Interleaves with a request awaiting a barrier, but never runs inside another turn.
    /// </summary>
    [AlwaysInterleave]
    Task<StateQueryResult> QueryStateAsync(string? stateName, string key);
}
