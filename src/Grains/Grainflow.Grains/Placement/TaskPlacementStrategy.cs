
namespace Grainflow.Grains.Placement;

/// <summary>
/// Places a job's grains (coordinator, source and keyed tasks) by the slot the coordinator gives each one, spreading
/// them evenly over the compatible silos. See <see cref="TaskPlacementDirector"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
[SuppressReferenceTracking]
public sealed class TaskPlacementStrategy : PlacementStrategy
{
    internal static TaskPlacementStrategy Singleton { get; } = new();
}
