using Grainflow.Grains.Jobs;
using Grainflow.Streaming.Channels;
using Grainflow.Streaming.Tasks;
using Orleans.Concurrency;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// Runs one keyed operator for one key-group range: keyed state, the user's process function, and the chained
/// operators and sink after it. Keyed "&lt;job&gt;/&lt;operator id&gt;/&lt;task index&gt;".
/// </summary>
public interface IKeyedTaskGrain : IGrainWithStringKey
{
    /// <summary>
    /// Rebuilds the task from <paramref name="start"/>, recovers its sink and restores its key groups; a task of an
    /// earlier attempt on this activation is dropped first. Returns the silo it runs on.
    /// </summary>
    Task<SiloAddress> StartAsync(TaskStart start);

    /// <summary>
    /// Takes the next message of one input channel, sent by a task of attempt <paramref name="attempt"/>; one of another
    /// attempt is dropped. Returns the credit given back to the message's channel (see IChannelReceiver.ReceiveAsync).
    /// </summary>
    /// <exception cref="InvalidOperationException">The task was not started (it reactivated without its state): the job must roll back.</exception>
    Task<int> ReceiveAsync(long attempt, ChannelMessage message);

    /// <summary>
    /// Receiver task <paramref name="receiverIndex"/> of the next operator gives back <paramref name="credits"/> credits
    /// for this task's channel to it; from a receiver of another attempt, ignored.
    /// </summary>
    Task GrantCreditAsync(long attempt, int receiverIndex, int credits);

    /// <summary>Checkpoint <paramref name="checkpointId"/> is complete: commit what it covers.</summary>
    Task NotifyCheckpointCompleteAsync(long checkpointId);

    /// <summary>
    /// Reads <paramref name="stateName"/> (the operator's only state when null) for the key whose text form is
    /// <paramref name="key"/>. Interleaves with a request awaiting a barrier, but never runs inside another turn.
    /// </summary>
    [AlwaysInterleave]
    Task<StateQueryResult> QueryStateAsync(string? stateName, string key);

    /// <summary>
    /// Drops the task and migrates this activation to <paramref name="target"/> (Orleans' grain migration with a
    /// placement hint), so that the next start runs the task there: a job that starts again evens its tasks out over
    /// the silos (see TaskBalancer). Migration, unlike a plain deactivation, registers the new activation before callers
    /// that still address the old silo reach it, so their next call is forwarded there instead of reactivating here.
    /// </summary>
    Task MoveAsync(SiloAddress target);

    /// <summary>Drops the task and deactivates this activation: the job no longer has this task (a rescale to fewer tasks).</summary>
    Task RetireAsync();

    /// <summary>The task's counters and silo.</summary>
    [AlwaysInterleave]
    Task<TaskMetrics> GetMetricsAsync();
}
