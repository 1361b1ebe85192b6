using System.Globalization;
using Grainflow.Tests.Shared;

namespace Grainflow.Benchmarks.Crash;

/// <summary>
/// Wordcount output against an independent count of the input: exactly once means each word's lines hold the counts
/// 1..n once each (<see cref="WordCountOracle.FindViolation"/>). Beyond that verdict, the lines are sorted into
/// duplicates (an expected line seen again), missing (an expected line never seen) and wrong (malformed, or a word or
/// count the input does not produce), so that output = expected - missing + duplicate + wrong.
/// </summary>
internal sealed record OutputAudit(long OutputLines, long ExpectedLines, long DuplicateLines, long MissingLines, long WrongLines, string? Violation)
{
    public bool ExactlyOnce => Violation is null;

    public static OutputAudit Of(IReadOnlyDictionary<string, long> expected, IReadOnlyList<string> output)
    {
        var seen = new HashSet<(string Word, long Count)>();
        long duplicates = 0;
        long wrong = 0;
        foreach (var line in output)
        {
            var tab = line.LastIndexOf('\t');
            if (tab <= 0
                || !long.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                || !expected.TryGetValue(line[..tab], out var total)
                || count < 1 || count > total)
            {
                wrong++;
            }
            else if (!seen.Add((line[..tab], count)))
            {
                duplicates++;
            }
        }

        var expectedLines = expected.Values.Sum();
        var audit = new OutputAudit(output.Count, expectedLines, duplicates, expectedLines - seen.Count, wrong, WordCountOracle.FindViolation(expected, output));

        // The oracle and the sorting above are two readings of the same rule; if they disagree, the table would lie.
        if (audit.ExactlyOnce != (duplicates == 0 && audit.MissingLines == 0 && wrong == 0))
        {
            throw new InvalidOperationException($"The oracle's verdict ({audit.Violation ?? "exactly once"}) disagrees with the line counts {audit}.");
        }

        return audit;
    }
}
