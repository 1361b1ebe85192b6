namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// A writer lock (from <see cref="ICheckpointLocationLock.AcquireJobLockAsync"/>) that can be lost while it is held:
/// a lease with a finite term, renewed in the background, which another process may take over once a renewal did not
/// arrive in time. Losing it is not a disposal: the holder still disposes it.
/// </summary>
/// <remarks>
/// Once <see cref="Lost"/> is cancelled another process may own the location, so the holder must write nothing more
/// there (publish no checkpoint, commit no newer output) and fail the job back to its last completed checkpoint, whose
/// restart takes the lock again. A lock that cannot be lost (a local file lock dies only with its process) does not
/// implement this interface. Members are thread-safe.
/// </remarks>
public interface ICheckpointLocationLease : IAsyncDisposable
{
    /// <summary>
    /// Cancelled once the lock is lost, or may be: another holder took it, or it could not be renewed until shortly before
    /// its term ends. Never cancelled by <see cref="IAsyncDisposable.DisposeAsync"/>.
    /// </summary>
    CancellationToken Lost { get; }

    /// <summary>Why the lock was lost (one line, no secret), once <see cref="Lost"/> is cancelled; null before.</summary>
    string? LossReason { get; }
}
