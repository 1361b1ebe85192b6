using Grainflow.Streaming.Api;

namespace Grainflow.Grains.WordCount;

/// <summary>Splits a line into lower-cased words: one string allocation per word, nothing else.</summary>
public static class WordSplitter
{
    /// <summary>Emits every maximal run of non-whitespace characters of <paramref name="line"/>, lower-cased (invariant).</summary>
    public static void Split(string line, ICollector<string> words)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(words);
        var start = -1;
        for (var i = 0; i <= line.Length; i++)
        {
            var boundary = i == line.Length || char.IsWhiteSpace(line[i]);
            if (boundary && start >= 0)
            {
                words.Collect(string.Create(i - start, (line, start), static (destination, word) =>
                    word.line.AsSpan(word.start, destination.Length).ToLowerInvariant(destination)));
                start = -1;
            }
            else if (!boundary && start < 0)
            {
                start = i;
            }
        }
    }
}
