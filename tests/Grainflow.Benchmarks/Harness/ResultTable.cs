using System.Globalization;

namespace Grainflow.Benchmarks.Harness;

/// <summary>Prints figures as a Markdown table: figure, value, target, ratio to the target, verdict (or why the harness refused to compute it).</summary>
internal static class ResultTable
{
    // Value and ratio.
    private static readonly HashSet<int> s_numberColumns = [1, 4];

    public static string Format(IReadOnlyList<Figure> figures)
    {
        var rows = new List<string[]> { new[] { "Figure", "Value", "Unit", "Target", "Ratio", "Verdict" } };
        foreach (var figure in figures)
        {
            var target = figure.Target;
            if (figure.Refusal is { } refusal)
            {
                rows.Add([figure.Name, "n/a", figure.Unit, target?.ToString() ?? "", "", $"REFUSED: {refusal}"]);
                continue;
            }

            var ratio = target is null || target.Bound == 0 ? "" : (figure.Value / target.Bound).ToString("0.00", CultureInfo.InvariantCulture);
            var verdict = target is null ? "info" : target.IsMetBy(figure.Value) ? "met" : "MISSED";
            rows.Add([figure.Name, FormatValue(figure.Value), figure.Unit, target?.ToString() ?? "", ratio, verdict]);
        }

        return MarkdownTable.Format(rows, s_numberColumns);
    }

    private static string FormatValue(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "#,0" : "0.###", CultureInfo.InvariantCulture);
}
