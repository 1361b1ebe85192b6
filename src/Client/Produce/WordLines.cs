using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Grainflow.Client.Produce;

/// <summary>
/// Lines of words drawn from a fixed vocabulary with a seeded generator: the same seed gives the same lines. Earlier
/// words of the vocabulary are drawn more often (roughly as in prose), so a word count has a clear top.
/// </summary>
[SuppressMessage("Security", "CA5394", Justification = "Not security: a seeded generator makes the produced text reproducible.")]
internal sealed class WordLines
{
    private const int MaxWordsPerLine = 12;

    private static readonly string[] s_vocabulary =
    [
        "the", "of", "and", "to", "a", "in", "stream", "grain", "is", "that", "it", "for", "state", "on", "with", "as",
        "checkpoint", "barrier", "was", "he", "at", "by", "key", "this", "operator", "from", "silo", "or", "record",
        "snapshot", "savepoint", "source", "sink", "offset", "partition", "log", "epoch", "commit", "recovery", "job",
        "window", "timer", "watermark", "batch", "channel", "task", "coordinator", "manifest", "blob", "storage",
        "exactly", "once", "virtual", "actor", "turn", "activation", "reentrant", "timeout", "cluster", "membership",
    ];

    private readonly Random _random;
    private readonly StringBuilder _line = new();

    public WordLines(int seed)
    {
        _random = new Random(seed);
    }

    public string Next()
    {
        _line.Clear();
        var words = _random.Next(1, MaxWordsPerLine + 1);
        for (var i = 0; i < words; i++)
        {
            // The smaller of two uniform draws favours the vocabulary's first words.
            var index = Math.Min(_random.Next(s_vocabulary.Length), _random.Next(s_vocabulary.Length));
            _line.Append(i == 0 ? string.Empty : " ").Append(s_vocabulary[index]);
        }

        return _line.ToString();
    }
}
