using Azure;
using Grainflow.Grains.Jobs.Registry;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// Which failures of planning a restart may pass by themselves, so that the coordinator tries the restart again under
/// the job's restart strategy instead of failing the job.
/// </summary>
internal static class RestartPlanFailure
{
    /// <summary>
    /// True for a request to the job's storage that failed: the Blob service's <see cref="RequestFailedException"/> (no
    /// response, throttled, the writer lease not obtainable yet) and <see cref="IOException"/>, which covers a disk's
    /// transport errors and a <see cref="CheckpointLocationLockedException"/> (the location still locked by a process
    /// going away, as after a storage outage that outlasted the writer lease). False for a refusal that lasts until the
    /// user acts (a damaged checkpoint is an <see cref="IOException"/> too) and for every other exception: that is a bug,
    /// and trying it again would only delay the job's failure by the strategy's attempts.
    /// </summary>
    public static bool Passes(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is RequestFailedException or IOException && JobStartRefusal.Of(exception) is not { IsLasting: true };
    }
}
