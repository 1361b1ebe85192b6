using Orleans.Runtime.Placement;

namespace Grainflow.Grains.Placement;

/// <summary>
/// The slot a job's grain is activated in, passed in the request context of the call that activates it: the
/// coordinator's slot comes from the job id (so that jobs spread too), then each source partition takes the next
/// slot, then each keyed task, in the job graph's order. The slots of a job cycle through the silos, so a job of n
/// tasks on m silos puts n/m tasks on each, and its coordinator, sources and keyed tasks start on different silos.
/// </summary>
internal static class TaskSlot
{
    public const string RequestContextKey = "grainflow-slot";

    /// <summary>The slot of job <paramref name="jobId"/>'s coordinator.</summary>
    public static int OfCoordinator(string jobId) => (int)(Grainflow.Streaming.KeyGroups.StableHash.Hash(jobId.AsSpan()) & 0xFFFF);

    /// <summary>Runs <paramref name="call"/> with <paramref name="slot"/> in its request context.</summary>
    public static Task<T> CallInSlotAsync<T>(int slot, Func<Task<T>> call) => CallInSlotAsync(slot, target: null, call);

    /// <summary>
    /// Runs <paramref name="call"/> with <paramref name="slot"/> in its request context and, when given, Orleans'
    /// placement hint: a grain the call activates goes to <paramref name="target"/> (if it is still a live silo).
    /// </summary>
    public static async Task<T> CallInSlotAsync<T>(int slot, SiloAddress? target, Func<Task<T>> call)
    {
        RequestContext.Set(RequestContextKey, slot);
        if (target is not null)
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
        }

        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(RequestContextKey);
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>Runs <paramref name="call"/> with <paramref name="slot"/> in its request context.</summary>
    public static async Task CallInSlotAsync(int slot, Func<Task> call)
    {
        RequestContext.Set(RequestContextKey, slot);
        try
        {
            await call();
        }
        finally
        {
            RequestContext.Remove(RequestContextKey);
        }
    }
}
