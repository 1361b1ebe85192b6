using System.Globalization;

namespace Grainflow.Invocation;

/// <summary>The canonical string forms of grain keys, used by both the factory and the grain.</summary>
public static class GrainKeys
{
    /// <summary>Formats an integer key.</summary>
    public static string Format(long key) => key.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a Guid key.</summary>
    public static string Format(Guid key) => key.ToString("D");

    /// <summary>Parses the integer key of <paramref name="id"/>.</summary>
    /// <exception cref="InvalidOperationException">The grain's key is not an integer.</exception>
    public static long ParseLong(GrainId id) =>
        long.TryParse(id.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"Grain {id} does not have an integer key.");

    /// <summary>Parses the Guid key of <paramref name="id"/>.</summary>
    /// <exception cref="InvalidOperationException">The grain's key is not a Guid.</exception>
    public static Guid ParseGuid(GrainId id) =>
        Guid.TryParseExact(id.Key, "D", out var value)
            ? value
            : throw new InvalidOperationException($"Grain {id} does not have a Guid key.");
}
