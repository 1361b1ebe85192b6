using Grainflow.Grains.Streaming;

namespace Grainflow.Grains.Jobs.Registry;

/// <summary>Starting jobs the cluster remembers, from any silo or client.</summary>
public static class JobRegistry
{
    /// <summary>The key of the cluster's one <see cref="IJobRegistryGrain"/>.</summary>
    public const long Key = 0;

    /// <summary>The cluster's job registry.</summary>
    public static IJobRegistryGrain GetJobRegistry(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IJobRegistryGrain>(Key);
    }

    /// <summary>
    /// Starts <paramref name="spec"/> (as <see cref="JobStarter.StartJobAsync"/>, with its errors), then records it in
    /// the registry as running, so that the cluster starts it again from its checkpoints whenever its coordinator is
    /// lost, also after every silo restarted, until it ends or is stopped.
    /// </summary>
    /// <remarks>
    /// The record is written only once the coordinator took the job: a job that did not start is never restarted by
    /// the supervisor, and the supervisor never races this start with one of its own.
    /// </remarks>
    public static async Task<(JobStartResult Started, JobRecord Record)> StartRegisteredJobAsync(this IGrainFactory grains, JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(spec);
        var started = await grains.StartJobAsync(spec).ConfigureAwait(false);
        var record = await grains.GetJobRegistry().RecordStartedAsync(spec).ConfigureAwait(false);
        return (started, record);
    }
}
