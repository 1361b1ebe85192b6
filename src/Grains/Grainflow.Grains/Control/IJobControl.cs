using Grainflow.Interfaces.Control;

namespace Grainflow.Grains.Control;

/// <summary>
/// What the control API can do to the jobs of this silo. Thread-safe. Failures are one of the exceptions
/// of <see cref="JobControlException"/>, each mapped to one HTTP status by the API.
/// </summary>
public interface IJobControl
{
    /// <summary>
    /// Starts a registered job definition with its options, resuming from the checkpoints its location holds, and
    /// has the cluster remember it so that it runs until it ends or is stopped, also across silo failures and restarts.
    /// </summary>
    /// <exception cref="JobControlException">
    /// An unknown definition, a bad job id, a missing or bad option, an input that cannot be read, a checkpoint
    /// location of another job or a damaged one (Invalid); the job runs already, or another process holds its
    /// checkpoint location (Conflict).
    /// </exception>
    Task<StartedJobView> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every job the cluster remembers: running, and the recently ended ones.</summary>
    Task<IReadOnlyList<JobSummaryView>> ListJobsAsync(CancellationToken cancellationToken = default);

    /// <exception cref="JobControlException">Unknown job (NotFound).</exception>
    Task<JobStatusView> GetStatusAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>The recent completed checkpoints, oldest first.</summary>
    Task<IReadOnlyList<CheckpointView>> ListCheckpointsAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Triggers a checkpoint now; returns its id.</summary>
    /// <exception cref="JobControlException">Unknown job (NotFound); not running, or a checkpoint already in flight (Conflict).</exception>
    Task<TriggeredCheckpointView> TriggerCheckpointAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Takes a savepoint named <paramref name="name"/> and returns it once complete.</summary>
    /// <exception cref="JobControlException">Unknown job (NotFound); a savepoint of that name exists, or the job is not running (Conflict); bad name (Invalid).</exception>
    Task<SavepointView> CreateSavepointAsync(string jobId, string name, CancellationToken cancellationToken = default);

    /// <summary>The job's savepoints, by name.</summary>
    Task<IReadOnlyList<SavepointView>> ListSavepointsAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a savepoint.</summary>
    /// <exception cref="JobControlException">Unknown job or savepoint (NotFound).</exception>
    Task DeleteSavepointAsync(string jobId, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops the job, taking savepoint <paramref name="savepointName"/> first when given; without one, a final checkpoint
    /// commits everything read so far unless <paramref name="drain"/> is false. Returns the savepoint (or null). The
    /// cluster then remembers the job as stopped and never starts it again by itself.
    /// </summary>
    /// <exception cref="JobControlException">Unknown job (NotFound); not running, or the savepoint or final checkpoint failed (Conflict).</exception>
    Task<SavepointView?> StopAsync(string jobId, string? savepointName, bool drain = true, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rescales a job started on the cluster: a savepoint, then the job runs again from it with <paramref name="parallelism"/>
    /// (its <c>parallelism</c> parameter), its tasks spread anew over the live silos, without ending. Returns once every
    /// task runs again. The cluster remembers the new parallelism for later restarts.
    /// </summary>
    /// <exception cref="JobControlException">
    /// Unknown job (NotFound); a parallelism below 1 or one the definition refuses or ignores (Invalid); not running, not started
    /// on the cluster, or the savepoint failed (Conflict: the job keeps running as it was).
    /// </exception>
    Task<RescaledJobView> RescaleAsync(string jobId, int parallelism, CancellationToken cancellationToken = default);

    /// <summary>Reads the keyed state of one key of one operator (the operator's only state when <paramref name="stateName"/> is null).</summary>
    /// <exception cref="JobControlException">Unknown job or operator (NotFound); not running (Conflict).</exception>
    Task<StateValueView> GetStateAsync(string jobId, string operatorId, string key, string? stateName, CancellationToken cancellationToken = default);
}
