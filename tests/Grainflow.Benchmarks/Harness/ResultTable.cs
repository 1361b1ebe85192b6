using System.Globalization;
using System.Text;

namespace Grainflow.Benchmarks.Harness;

/// <summary>Prints figures as a Markdown table: figure, value, target, ratio to the target, verdict (or why the harness refused to compute it).</summary>
internal static class ResultTable
{
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

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            text.Append('|');
            for (var c = 0; c < widths.Length; c++)
            {
                var cell = c is 1 or 4 ? rows[r][c].PadLeft(widths[c]) : rows[r][c].PadRight(widths[c]);
                text.Append(' ').Append(cell).Append(" |");
            }

            text.AppendLine();
            if (r == 0)
            {
                text.Append('|').AppendJoin("", widths.Select(w => new string('-', w + 2) + "|")).AppendLine();
            }
        }

        return text.ToString();
    }

    private static string FormatValue(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "#,0" : "0.###", CultureInfo.InvariantCulture);
}
