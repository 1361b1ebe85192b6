using System.Text;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// Writes seeded word inputs: lines of 1 to 16 words separated by spaces or tabs, some words capitalized (so
/// lower-casing has work to do and maps them onto the same key).
/// </summary>
internal static class WordInputGenerator
{
    private const double ZipfExponent = 1.0;
    private const double CapitalizedShare = 0.05;
    private const int MaxWordsPerLine = 16;
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Distinct lower-case words, the same for the same seed: a random prefix of 0 to 4 letters, then the index in
    /// base 26 at a fixed width, which alone tells any two words apart.
    /// </summary>
    public static string[] Vocabulary(int size, int seed)
    {
        var width = 1;
        for (var capacity = 26L; capacity < size; capacity *= 26)
        {
            width++;
        }

        var random = new Random(seed);
        var words = new string[size];
        Span<char> word = stackalloc char[4 + width];
        for (var i = 0; i < size; i++)
        {
            var prefix = random.Next(0, 5);
            for (var c = 0; c < prefix; c++)
            {
                word[c] = (char)('a' + random.Next(26));
            }

            var n = i;
            for (var d = prefix + width - 1; d >= prefix; d--, n /= 26)
            {
                word[d] = (char)('a' + (n % 26));
            }

            words[i] = new string(word[..(prefix + width)]);
        }

        return words;
    }

    /// <summary><paramref name="words"/> words drawn from a Zipf distribution (exponent 1) over <paramref name="vocabularySize"/> words.</summary>
    public static WordInput WriteZipf(string path, long words, int vocabularySize, int seed)
    {
        var vocabulary = Vocabulary(vocabularySize, seed);
        var cumulative = new double[vocabularySize];
        var total = 0.0;
        for (var rank = 0; rank < vocabularySize; rank++)
        {
            total += 1.0 / Math.Pow(rank + 1, ZipfExponent);
            cumulative[rank] = total;
        }

        var random = new Random(seed + 1);
        var counts = new long[vocabularySize];
        var distinct = 0;
        long outputBytes = 0;
        Write(path, words, random, () =>
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            index = Math.Min(index < 0 ? ~index : index, vocabularySize - 1);
            distinct += counts[index] == 0 ? 1 : 0;
            outputBytes += OutputLineBytes(vocabulary[index], ++counts[index]);
            return vocabulary[index];
        });
        return new WordInput(path, words, distinct, new FileInfo(path).Length, outputBytes);
    }

    /// <summary>
    /// <paramref name="rounds"/> rounds, each of which holds every one of <paramref name="distinctWords"/> words once, in
    /// its own seeded random order: after the first round the state of a count per word holds every key, and each
    /// later round updates every key once.
    /// </summary>
    public static WordInput WriteRounds(string path, int distinctWords, int rounds, int seed)
    {
        var vocabulary = Vocabulary(distinctWords, seed);
        var order = new int[distinctWords];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var random = new Random(seed + 1);
        var next = order.Length;
        long outputBytes = 0;
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var word in vocabulary)
            {
                outputBytes += OutputLineBytes(word, round);
            }
        }

        Write(path, (long)distinctWords * rounds, random, () =>
        {
            if (next == order.Length)
            {
                random.Shuffle(order);
                next = 0;
            }

            return vocabulary[order[next++]];
        });
        return new WordInput(path, (long)distinctWords * rounds, distinctWords, new FileInfo(path).Length, outputBytes);
    }

    // "word<TAB>count<LF>" in UTF-8; the generated words are ASCII.
    private static int OutputLineBytes(string word, long count)
    {
        var digits = 1;
        for (var rest = count / 10; rest > 0; rest /= 10)
        {
            digits++;
        }

        return word.Length + 1 + digits + 1;
    }

    private static void Write(string path, long words, Random random, Func<string> nextWord)
    {
        using var writer = new StreamWriter(path, append: false, s_utf8, bufferSize: 1 << 20);
        var written = 0L;
        while (written < words)
        {
            var count = (int)Math.Min(random.Next(1, MaxWordsPerLine + 1), words - written);
            for (var w = 0; w < count; w++)
            {
                if (w > 0)
                {
                    writer.Write(random.Next(8) switch { 0 => "\t", 1 => "  ", _ => " " });
                }

                var word = nextWord();
                if (random.NextDouble() < CapitalizedShare)
                {
                    writer.Write(char.ToUpperInvariant(word[0]));
                    writer.Write(word.AsSpan(1));
                }
                else
                {
                    writer.Write(word);
                }
            }

            writer.Write('\n');
            written += count;
        }
    }
}
