using System.Text;

namespace Grainflow.Benchmarks.Harness;

/// <summary>Lays out rows of cells as a Markdown table, the first row its header, each column as wide as its widest cell.</summary>
internal static class MarkdownTable
{
    /// <summary>Formats <paramref name="rows"/>; the columns in <paramref name="rightAligned"/> (numbers) are padded on the left.</summary>
    public static string Format(IReadOnlyList<string[]> rows, IReadOnlySet<int> rightAligned)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            text.Append('|');
            for (var c = 0; c < widths.Length; c++)
            {
                var cell = rightAligned.Contains(c) ? rows[r][c].PadLeft(widths[c]) : rows[r][c].PadRight(widths[c]);
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
}
