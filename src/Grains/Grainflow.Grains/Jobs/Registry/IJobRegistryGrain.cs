using Orleans.Concurrency;

namespace Grainflow.Grains.Jobs.Registry;

/// <summary>
/// The cluster's memory of its jobs (one grain, key <see cref="JobRegistry.Key"/>), kept in the grain storage named
/// <see cref="Hosting.GrainflowOptions.JobStorageName"/>: each job's spec and whether it should run. The job supervisor
/// of every silo reads it to keep the running ones running, also after every silo restarted. Every change is
/// written to storage before the call returns.
/// </summary>
public interface IJobRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Remembers that <paramref name="spec"/> was started and should run, replacing an earlier record of its job id.</summary>
    Task<JobRecord> RecordStartedAsync(JobSpec spec);

    /// <summary>
    /// Remembers that run <paramref name="runId"/> of job <paramref name="jobId"/> ended (finished, stopped or failed) so
    /// that it is not started again. Does nothing when the job's record is of another run, or ended already.
    /// </summary>
    /// <returns>Whether the record changed.</returns>
    /// <exception cref="ArgumentException"><paramref name="state"/> is <see cref="JobRunState.Running"/>.</exception>
    Task<bool> RecordEndedAsync(string jobId, Guid runId, JobRunState state, string message);

    /// <summary>
    /// Replaces the spec of the running job <paramref name="spec"/> names (a rescale: same run, other parameters), so that
    /// a restart of the job after a silo's loss, or of the whole cluster, starts the new spec.
    /// </summary>
    /// <returns>Whether the record changed: false when the job has no running record.</returns>
    Task<bool> RecordRescaledAsync(JobSpec spec);

    /// <summary>The job's record, or null when the cluster has none.</summary>
    [ReadOnly]
    Task<JobRecord?> GetAsync(string jobId);

    /// <summary>Every job the cluster remembers, by job id.</summary>
    [ReadOnly]
    Task<IReadOnlyList<JobRecord>> ListAsync();
}
