using System.Globalization;
using Grainflow.Benchmarks.Harness;

namespace Grainflow.Benchmarks.Crash;

/// <summary>The kill harness's table: per implementation, the kill, the restart, and how the final output compares with the expected lines.</summary>
internal static class CrashTable
{
    // Every column but the implementation, the restart and the verdict is a count.
    private static readonly HashSet<int> s_numberColumns = [1, 2, 4, 5, 6, 7, 8];

    public static string Format(IReadOnlyList<CrashOutcome> outcomes)
    {
        var rows = new List<string[]>
        {
            new[] { "Implementation", "Kills", "Lines at kill", "Restarted from", "Output lines", "Expected lines", "Duplicate lines", "Missing lines", "Wrong lines", "Exactly once" },
        };
        foreach (var (name, _, kills, atKill, restartedFrom, audit) in outcomes)
        {
            rows.Add(
            [
                name, Count(kills), Count(atKill), restartedFrom, Count(audit.OutputLines), Count(audit.ExpectedLines),
                Count(audit.DuplicateLines), Count(audit.MissingLines), Count(audit.WrongLines), audit.ExactlyOnce ? "yes" : "NO",
            ]);
        }

        return MarkdownTable.Format(rows, s_numberColumns);
    }

    private static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
