using Grainflow.Grains.Jobs;
using Orleans.Concurrency;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// Reads one partition of a source and pushes its records through the chained operators to the next tasks.
/// Keyed "&lt;job&gt;/&lt;source id&gt;/&lt;partition&gt;". The read loop runs between requests, so triggers are taken while it runs.
/// </summary>
public interface ISourceTaskGrain : IGrainWithStringKey
{
    /// <summary>
    /// Rebuilds the task from <paramref name="start"/>, rewinds to the restored offset and starts reading; the read
    /// loop of an earlier attempt on this activation is stopped first. Returns the silo it runs on.
    /// </summary>
    Task<SiloAddress> StartAsync(TaskStart start);

    /// <summary>Asks for barrier <paramref name="checkpointId"/>: recorded and emitted between two batches.</summary>
    Task TriggerCheckpointAsync(long checkpointId);

    /// <summary>
    /// Receiver task <paramref name="receiverIndex"/> of the next operator gives back <paramref name="credits"/> credits
    /// for this task's channel to it, so a read loop waiting for credit goes on; from a receiver of another attempt, ignored.
    /// </summary>
    Task GrantCreditAsync(long attempt, int receiverIndex, int credits);

    /// <summary>Checkpoint <paramref name="checkpointId"/> is complete: commit what it covers.</summary>
    Task NotifyCheckpointCompleteAsync(long checkpointId);

    /// <summary>Stops reading; what was read after the last completed checkpoint is never committed.</summary>
    Task StopAsync();

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
