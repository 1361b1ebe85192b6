using Orleans.Runtime.Placement;

namespace Grainflow.Grains.Placement;

/// <summary>
/// Places a job's grain on silo <c>slot mod m</c> of the m compatible silos in a stable order, the slot coming from
/// the activating call's request context (<see cref="TaskSlot"/>). Without a slot (a grain reactivated by a call
/// that did not start it) the grain stays on the calling silo, as Orleans' prefer-local placement would.
/// </summary>
internal sealed class TaskPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, silos) is { } hint)
        {
            return Task.FromResult(hint);
        }

        if (target.RequestContextData is { } data && data.TryGetValue(TaskSlot.RequestContextKey, out var value) && value is int slot)
        {
            var ordered = silos.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
            return Task.FromResult(ordered[slot % ordered.Length]);
        }

        return Task.FromResult(silos.Contains(context.LocalSilo) ? context.LocalSilo : silos[Random.Shared.Next(silos.Length)]);
    }
}
