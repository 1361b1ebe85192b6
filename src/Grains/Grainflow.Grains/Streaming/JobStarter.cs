using Grainflow.Grains.Jobs;
using Grainflow.Grains.Placement;

namespace Grainflow.Grains.Streaming;

/// <summary>Starting a job on the cluster from any silo or client.</summary>
public static class JobStarter
{
    /// <summary>
    /// Starts <paramref name="spec"/> through its coordinator grain, placing the coordinator in the job's slot so that
    /// the job's grains spread over the silos (see <see cref="IJobCoordinatorGrain.StartJobAsync"/> for the errors).
    /// </summary>
    public static Task<JobStartResult> StartJobAsync(this IGrainFactory grains, JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(spec);
        return TaskSlot.CallInSlotAsync(TaskSlot.OfCoordinator(spec.JobId), () => grains.GetGrain<IJobCoordinatorGrain>(spec.JobId).StartJobAsync(spec));
    }
}
