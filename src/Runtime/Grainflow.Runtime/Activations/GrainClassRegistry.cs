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
        var candidates = classes
            .SelectMany(info => info.GrainClass.GetInterfaces().Where(IsUserGrainInterface).Select(i => (Interface: i, Class: info)))
            .GroupBy(pair => pair.Interface)
            .ToDictionary(group => group.Key, group => group.Select(pair => pair.Class).ToList());
        var resolved = new Dictionary<Type, GrainClassInfo>();
        var ambiguous = new Dictionary<Type, string>();
        foreach (var (grainInterface, implementations) in candidates)
        {
            // A class whose grain interface derives from this one implements it only in passing; the class
            // that declares it directly is the one GetGrain means.
            var direct = implementations.Where(c => IsMostDerived(c.GrainClass, grainInterface)).ToList();
            var chosen = implementations.Count == 1 ? implementations : direct;
            if (chosen.Count == 1)
            {
                resolved[grainInterface] = chosen[0];
            }
            else
            {
                ambiguous[grainInterface] = string.Join(", ", implementations.Select(c => c.GrainTypeName));
            }
        }

        _byInterface = resolved.ToFrozenDictionary();
        _ambiguous = ambiguous.ToFrozenDictionary();
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

    private static bool IsMostDerived(Type grainClass, Type grainInterface) =>
        !grainClass.GetInterfaces().Any(other => other != grainInterface && IsUserGrainInterface(other) && grainInterface.IsAssignableFrom(other));

    private static Type Validate(Type type)
    {
        if (!typeof(Grain).IsAssignableFrom(type) || type.IsAbstract || type.IsGenericTypeDefinition)
        {
            throw new ArgumentException($"{type.FullName} is not a concrete, non-generic class derived from Grain.", nameof(type));
        }

        return type;
    }
}
