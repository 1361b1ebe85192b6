using System.Collections.Concurrent;
using System.Reflection;

namespace Grainflow.Streaming.State;

/// <summary>
/// The copy rule of a snapshot, per state value type. A snapshot is captured synchronously at the barrier and
/// written later, so a value the function can still mutate after the barrier must be copied at capture:
/// <list type="bullet">
/// <item>immutable values are captured by reference: primitives, enums, strings, decimals, Guids, dates and times,
/// and structs (or nullables) made only of those;</item>
/// <item>everything else, including structs holding a reference (an array, a list) and every class, is deep-copied
/// through its snapshot serializer, which is checked at registration to round-trip the type.</item>
/// </list>
/// Map state applies the rule to each value, so a mutable value in a map is copied too.
/// </summary>
internal static class StateCopyRule
{
    private static readonly ConcurrentDictionary<Type, bool> s_immutable = new();

    /// <summary>The copy to apply at capture, or null when values of <typeparamref name="T"/> are immutable.</summary>
    public static Func<T, T>? For<T>(IStateSerializer<T> serializer)
    {
        if (IsImmutable(typeof(T)))
        {
            return null;
        }

        return value =>
        {
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                serializer.Write(writer, value);
            }

            buffer.Position = 0;
            using var reader = new BinaryReader(buffer);
            return serializer.Read(reader);
        };
    }

    public static bool IsImmutable(Type type) => s_immutable.GetOrAdd(type, static t => Compute(t, []));

    private static bool Compute(Type type, HashSet<Type> visiting)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan)
            || type == typeof(DateOnly) || type == typeof(TimeOnly))
        {
            return true;
        }

        if (!type.IsValueType)
        {
            return false;
        }

        if (!visiting.Add(type))
        {
            return true; // already being checked further up
        }

        // A struct is as immutable as its fields: one reference to a mutable object makes a by-value copy shallow.
        return type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .All(field => Compute(field.FieldType, visiting));
    }
}
