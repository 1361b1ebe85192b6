using System.Globalization;

namespace Grainflow.Silo.CommandLine;

/// <summary>
/// Reads and writes durations as people type them: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c> (a
/// non-negative number, fractions allowed, and a unit), <c>hh:mm:ss</c> (optionally <c>d.hh:mm:ss.fff</c>),
/// or <c>infinite</c>.
/// </summary>
internal static class DurationParser
{
    /// <summary>The accepted forms, for error messages and help.</summary>
    public const string Forms = "500ms, 30s, 5m, 1h, hh:mm:ss or infinite";

    private const string Infinite = "infinite";

    // Longest suffix first, so that "ms" is not read as minutes followed by a stray 's'.
    private static readonly (string Suffix, long TicksPerUnit)[] s_units =
    [
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Parses <paramref name="text"/>; false when it is not one of the accepted forms.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        if (trimmed.Equals(Infinite, StringComparison.OrdinalIgnoreCase))
        {
            duration = Timeout.InfiniteTimeSpan;
            return true;
        }

        return trimmed.Contains(':', StringComparison.Ordinal)
            ? TryParseClock(trimmed, out duration)
            : TryParseWithUnit(trimmed, out duration);
    }

    /// <summary>Writes <paramref name="duration"/> in the largest unit that represents it exactly.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == Timeout.InfiniteTimeSpan)
        {
            return Infinite;
        }

        if (duration > TimeSpan.Zero)
        {
            for (var i = s_units.Length - 1; i >= 0; i--)
            {
                var (suffix, ticksPerUnit) = s_units[i];
                if (duration.Ticks % ticksPerUnit == 0)
                {
                    return (duration.Ticks / ticksPerUnit).ToString(CultureInfo.InvariantCulture) + suffix;
                }
            }
        }

        return duration.ToString("c", CultureInfo.InvariantCulture);
    }

    private static bool TryParseWithUnit(string text, out TimeSpan duration)
    {
        duration = default;
        foreach (var (suffix, ticksPerUnit) in s_units)
        {
            if (!text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var number = text.AsSpan(0, text.Length - suffix.Length);
            if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var ticks = Math.Round(value * ticksPerUnit);
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }

            duration = TimeSpan.FromTicks((long)ticks);
            return true;
        }

        return false;
    }

    private static bool TryParseClock(string text, out TimeSpan duration)
    {
        // Exactly hh:mm:ss: "1:30" would be ambiguous between hours and minutes.
        duration = default;
        return text.Count(c => c == ':') == 2
            && !text.StartsWith('-')
            && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out duration);
    }
}
