using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Grainflow.Streaming.State;

/// <summary>
/// Checks, when a state is registered, that the JSON snapshot serializer round-trips a type: every piece of data an
/// instance holds (every instance field, including auto-property backing fields) must be written and read back.
/// System.Text.Json silently skips fields, private members and get-only properties without a constructor parameter,
/// which would restore as defaults; such a type is refused at job start instead.
/// </summary>
internal static class JsonStateTypeValidator
{
    private static readonly ConcurrentDictionary<Type, string?> s_problems = new();

    /// <exception cref="NotSupportedException">The type does not round-trip; the message names the member.</exception>
    public static void Validate(Type type)
    {
        if (s_problems.GetOrAdd(type, static t => FindProblem(t, [])) is { } problem)
        {
            throw new NotSupportedException(problem);
        }
    }

    private static string? FindProblem(Type type, HashSet<Type> visited)
    {
        if (StateCopyRule.IsImmutable(type) || !visited.Add(type))
        {
            return null;
        }

        var info = JsonSerializerOptions.Default.GetTypeInfo(type);
        if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary)
        {
            return (info.Kind == JsonTypeInfoKind.Dictionary && info.KeyType is { } key ? FindProblem(key, visited) : null)
                ?? (info.ElementType is { } element ? FindProblem(element, visited) : null);
        }

        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return null;
        }

        var properties = info.Properties.ToDictionary(p => (p.AttributeProvider as MemberInfo)?.Name ?? p.Name, StringComparer.Ordinal);
        for (var current = type; current is not null && current != typeof(object) && current != typeof(ValueType); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                var member = BackingFieldProperty(field.Name) ?? field.Name;
                if (!properties.TryGetValue(member, out var property) || property.Get is null)
                {
                    return $"{type.FullName} cannot be kept in snapshotted state: its {(member == field.Name ? "field" : "property")} "
                        + $"'{member}' is not written to JSON, so it would restore as its default. Make it a public property, or "
                        + "register the state with a type whose data are all public properties.";
                }

                if (property.Set is null && property.AssociatedParameter is null)
                {
                    return $"{type.FullName} cannot be kept in snapshotted state: its property '{member}' has neither a setter "
                        + "nor a constructor parameter, so it would restore as its default. Give it a setter (init is enough) or "
                        + "a constructor parameter of the same name.";
                }

                if (FindProblem(field.FieldType, visited) is { } nested)
                {
                    return nested;
                }
            }
        }

        return null;
    }

    private static string? BackingFieldProperty(string fieldName) =>
        fieldName.StartsWith('<') && fieldName.IndexOf(">k__BackingField", StringComparison.Ordinal) is var end and > 1
            ? fieldName[1..end]
            : null;
}
