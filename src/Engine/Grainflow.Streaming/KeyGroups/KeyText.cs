using System.Globalization;

namespace Grainflow.Streaming.KeyGroups;

/// <summary>Keys given as text (by the control API): parsed for the built-in key types.</summary>
public static class KeyText
{
    /// <summary>Parses <paramref name="text"/> as a <typeparamref name="TKey"/>: string, int, long or Guid.</summary>
    public static bool TryParse<TKey>(string text, out TKey key)
    {
        ArgumentNullException.ThrowIfNull(text);
        object? parsed = typeof(TKey) == typeof(string) ? text
            : typeof(TKey) == typeof(long) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l
            : typeof(TKey) == typeof(int) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i
            : typeof(TKey) == typeof(Guid) && Guid.TryParse(text, out var g) ? g
            : null;
        key = parsed is TKey typed ? typed : default!;
        return parsed is not null;
    }
}
