namespace Grainflow.Streaming.Sources;

/// <summary>
/// A reusable batch of lines read by a <see cref="TextFileSource"/>: create one per reading loop and pass it to
/// every read. Not thread-safe.
/// </summary>
public sealed class TextLineBatch
{
    /// <summary>The line capacity of a batch created without arguments.</summary>
    public const int DefaultMaxLines = 1024;

    private readonly TextLine[] _lines;
    private int _count;

    /// <summary>Initializes a batch that holds up to <paramref name="maxLines"/> lines.</summary>
    public TextLineBatch(int maxLines = DefaultMaxLines)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLines);
        _lines = new TextLine[maxLines];
    }

    /// <summary>Gets the number of lines in the batch.</summary>
    public int Count => _count;

    /// <summary>Gets the most lines the batch holds.</summary>
    public int MaxLines => _lines.Length;

    /// <summary>Gets whether the batch is full.</summary>
    public bool IsFull => _count == _lines.Length;

    /// <summary>Gets the lines, in file order.</summary>
    public ReadOnlySpan<TextLine> Lines => _lines.AsSpan(0, _count);

    /// <summary>Removes every line.</summary>
    public void Clear()
    {
        // Drops the strings too, so a batch kept between reads does not hold the previous lines alive.
        _lines.AsSpan(0, _count).Clear();
        _count = 0;
    }

    internal void Add(TextLine line) => _lines[_count++] = line;
}
