using System.Text;

namespace Grainflow.Silo.Tests.WordCount;

/// <summary>Generated wordcount inputs: seeded, so every run of a test reads the same text.</summary>
internal static class WordCountInput
{
    public static async Task<List<string>> WriteAsync(string path, int seed, int words, int vocabulary)
    {
        var random = new Random(seed);
        var lines = new List<string>();
        var line = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            // Skewed: a few frequent words and a long tail, as in real text; mixed case folds together.
            var index = (int)(vocabulary * Math.Pow(random.NextDouble(), 3));
            line.Append(index % 5 == 0 ? "W" : "w").Append(index).Append(random.Next(8) == 0 ? "\t" : " ");
            if (random.Next(12) == 0)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
        }

        lines.Add(line.ToString());
        await File.WriteAllLinesAsync(path, lines);
        return lines;
    }
}
