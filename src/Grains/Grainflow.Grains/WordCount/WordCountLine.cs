using System.Globalization;

namespace Grainflow.Grains.WordCount;

/// <summary>One output record: a word and its running count.</summary>
public readonly record struct WordCountLine(string Word, long Count)
{
    /// <summary>Writes "word&lt;TAB&gt;count" into <paramref name="destination"/>; -1 when it does not fit.</summary>
    public static int Format(WordCountLine line, Span<char> destination)
    {
        var word = line.Word.AsSpan();
        if (destination.Length < word.Length + 2)
        {
            return -1;
        }

        word.CopyTo(destination);
        destination[word.Length] = '\t';
        return line.Count.TryFormat(destination[(word.Length + 1)..], out var digits, provider: CultureInfo.InvariantCulture)
            ? word.Length + 1 + digits
            : -1;
    }

    /// <summary>Returns "word&lt;TAB&gt;count", the line <see cref="Format"/> writes.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{Word}\t{Count}");
}
