namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// An optional capability of an <see cref="ICheckpointStorage"/>: exclusive ownership of one job's checkpoint
/// location by one process, so that two silos started on the same location cannot both run the job (both would
/// commit output, and one's recovery would repeat the other's). Local disk holds an OS file lock; a blob store holds
/// a lease on a blob of the job.
/// </summary>
/// <remarks>
/// A lock must die with its holder: after a crash the next process takes it over without manual clean-up. Taking it
/// waits a bounded time at most: none for a file lock, which dies with its process; up to one lease term for a lease,
/// which a killed holder no longer renews (a live holder keeps renewing, so the wait ends in a refusal). A lock that
/// can be lost while held returns an <see cref="ICheckpointLocationLease"/>.
/// </remarks>
public interface ICheckpointLocationLock
{
    /// <summary>Takes the job's writer lock; dispose the result to release it (on shutdown).</summary>
    /// <param name="jobId">The job whose location to lock.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <exception cref="CheckpointLocationLockedException">Another live process (or another holder in this
    /// process) holds the lock.</exception>
    /// <returns>The held lock; an <see cref="ICheckpointLocationLease"/> when it can be lost before it is disposed.</returns>
    ValueTask<IAsyncDisposable> AcquireJobLockAsync(string jobId, CancellationToken cancellationToken = default);
}
