using Orleans.Placement;

namespace Grainflow.Grains.Placement;

/// <summary>Marks a grain class as placed by <see cref="TaskPlacementDirector"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TaskPlacementAttribute() : PlacementAttribute(TaskPlacementStrategy.Singleton);
