using Grainflow.Benchmarks.Streaming;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>
/// The lines the job drains: seeded, <see cref="AppendLines.WordsPerLine"/> lower-case words each over a vocabulary of
/// 10,000, with the size of wordcount's output for them (one "word&lt;TAB&gt;running count" line per word).
/// </summary>
internal sealed record DrainInput(IReadOnlyList<string> Lines, long Words, long ExpectedOutputBytes)
{
    public static DrainInput Create(int lineCount, int seed)
    {
        var vocabulary = WordInputGenerator.Vocabulary(10_000, seed);
        var random = new Random(seed + 1);
        var counts = new long[vocabulary.Length];
        var lines = new string[lineCount];
        long outputBytes = 0;
        var words = new string[AppendLines.WordsPerLine];
        for (var i = 0; i < lineCount; i++)
        {
            for (var w = 0; w < words.Length; w++)
            {
                var index = random.Next(vocabulary.Length);
                words[w] = vocabulary[index];
                outputBytes += OutputLineBytes(words[w], ++counts[index]);
            }

            lines[i] = string.Join(' ', words);
        }

        return new DrainInput(lines, (long)lineCount * AppendLines.WordsPerLine, outputBytes);
    }

    // "word<TAB>count<LF>" in UTF-8; the generated words are ASCII.
    private static long OutputLineBytes(string word, long count) => word.Length + 1 + count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 1;
}
