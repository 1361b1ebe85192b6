using System.Globalization;

namespace Grainflow.Tests.Shared;

/// <summary>Counts words independently of the job, and checks the exactly-once property of its output (shared by the test projects).</summary>
internal static class WordCountOracle
{
    public static Dictionary<string, long> Count(IEnumerable<string> lines)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            foreach (var word in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var lower = word.ToLowerInvariant();
                counts[lower] = counts.GetValueOrDefault(lower) + 1;
            }
        }

        return counts;
    }

    /// <summary>Returns the first violation, or null: every word has the counts 1..n exactly once each, and nothing else.</summary>
    public static string? FindViolation(IReadOnlyDictionary<string, long> expected, IEnumerable<string> outputLines)
    {
        var seen = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var line in outputLines)
        {
            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || !long.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return $"malformed output line '{line}'";
            }

            var word = line[..tab];
            if (!seen.TryGetValue(word, out var counts))
            {
                seen[word] = counts = [];
            }

            counts.Add(count);
        }

        foreach (var (word, total) in expected)
        {
            if (!seen.TryGetValue(word, out var counts))
            {
                return $"word '{word}' ({total} occurrences) is missing from the output";
            }

            counts.Sort();
            if (counts.Count != total || counts.Where((c, i) => c != i + 1).Any())
            {
                return $"word '{word}': expected counts 1..{total}, got {counts.Count} lines [{string.Join(",", counts.Take(10))}...]";
            }
        }

        var extra = seen.Keys.FirstOrDefault(w => !expected.ContainsKey(w));
        return extra is null ? null : $"word '{extra}' is in the output but not in the input";
    }
}
