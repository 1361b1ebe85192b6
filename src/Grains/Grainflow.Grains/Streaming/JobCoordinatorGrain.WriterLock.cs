using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Grains.Streaming;

/// <summary>The job's hold on its checkpoint location, which a lease-based lock can lose while the job runs.</summary>
public sealed partial class JobCoordinatorGrain
{
    /// <summary>
    /// Why the job must stop writing to its checkpoint location, or null while it may: its writer lease was lost (another
    /// process may hold it now). Checked on every tick and right before each publish; the caller fails the job back to its
    /// last completed checkpoint, whose restart takes the lock again (or is refused if another process took it).
    /// </summary>
    private string? WriterLockLoss() => _writerLock is ICheckpointLocationLease { Lost.IsCancellationRequested: true } lease
        ? $"the writer lease of job {Graph.JobId} on its checkpoint location was lost ({lease.LossReason}); the job stops writing there and restarts from checkpoint {_lastCompletedId}"
        : null;
}
