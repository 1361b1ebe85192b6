using Microsoft.Extensions.DependencyInjection;

namespace Grainflow.Runtime.Activations;

/// <summary>A registered grain class: how to construct it and how it schedules requests.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type grainClass)
    {
        GrainClass = grainClass;
        GrainTypeName = grainClass.FullName ?? grainClass.Name;
        IsReentrant = grainClass.IsDefined(typeof(ReentrantAttribute), inherit: true);
        Factory = ActivatorUtilities.CreateFactory(grainClass, Type.EmptyTypes);
    }

    public Type GrainClass { get; }

    /// <summary>The type part of the grain ids of this class.</summary>
    public string GrainTypeName { get; }

    public bool IsReentrant { get; }

    /// <summary>Constructs an instance, resolving constructor parameters from the silo's services.</summary>
    public ObjectFactory Factory { get; }
}
