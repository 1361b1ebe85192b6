using System.Collections.Frozen;

namespace Grainflow.Runtime.Activations;

/// <summary>
/// Maps grain interfaces to the grain classes that implement them, built once at silo start (reflection
/// happens here, never on the call path).
/// </summary>
internal sealed class GrainClassRegistry
{
    private readonly FrozenDictionary<Type, GrainClassInfo> _byInterface;
    private readonly FrozenDictionary<string, GrainClassInfo> _byTypeName;
    private readonly FrozenDictionary<Type, string> _ambiguous;

    public GrainClassRegistry(IEnumerable<Type> grainClasses)
    {
        var classes = grainClasses.Distinct().Select(Validate).Select(type => new GrainClassInfo(type)).ToList();
        _byTypeName = classes.ToFrozenDictionary(c => c.GrainTypeName, StringComparer.Ordinal);
        var byInterface = new Dictionary<Type, List<GrainClassInfo>>();
        foreach (var info in classes)
        {
            foreach (var grainInterface in info.GrainClass.GetInterfaces().Where(IsUserGrainInterface))
            {
                if (!byInterface.TryGetValue(grainInterface, out var implementations))
                {
                    byInterface[grainInterface] = implementations = [];
                }

                implementations.Add(info);
            }
        }

        _byInterface = byInterface.Where(p => p.Value.Count == 1).ToFrozenDictionary(p => p.Key, p => p.Value[0]);
        _ambiguous = byInterface.Where(p => p.Value.Count > 1)
            .ToFrozenDictionary(p => p.Key, p => string.Join(", ", p.Value.Select(c => c.GrainTypeName)));
    }

    public IReadOnlyCollection<string> GrainTypeNames => _byTypeName.Keys;

    public GrainClassInfo ForInterface(Type grainInterface)
    {
        if (_byInterface.TryGetValue(grainInterface, out var info))
        {
            return info;
        }

        throw _ambiguous.TryGetValue(grainInterface, out var candidates)
            ? new InvalidOperationException(
                $"Several grain classes implement {grainInterface.FullName} ({candidates}); give each its own interface.")
            : new InvalidOperationException(
                $"No grain class implementing {grainInterface.FullName} is registered; add it with SiloBuilder.AddGrain<T>() or AddGrainsFrom(assembly).");
    }

    public GrainClassInfo ForGrainType(string grainTypeName) =>
        _byTypeName.TryGetValue(grainTypeName, out var info)
            ? info
            : throw new InvalidOperationException($"No grain class named {grainTypeName} is registered.");

    private static bool IsUserGrainInterface(Type type) =>
        typeof(IGrain).IsAssignableFrom(type)
        && type != typeof(IGrain)
        && type != typeof(IGrainWithStringKey)
        && type != typeof(IGrainWithIntegerKey)
        && type != typeof(IGrainWithGuidKey);

    private static Type Validate(Type type)
    {
        if (!typeof(Grain).IsAssignableFrom(type) || type.IsAbstract || type.IsGenericTypeDefinition)
        {
            throw new ArgumentException($"{type.FullName} is not a concrete, non-generic class derived from Grain.", nameof(type));
        }

        return type;
    }
}
