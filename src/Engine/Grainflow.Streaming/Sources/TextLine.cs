namespace Grainflow.Streaming.Sources;

/// <summary>One line read by a <see cref="TextFileSource"/>.</summary>
/// <param name="Offset">The byte position in the file where the line starts.</param>
/// <param name="NextOffset">
/// The byte position where the next line starts: the offset to record in a checkpoint taken after this line.
/// </param>
/// <param name="Text">The decoded line, without its terminator.</param>
public readonly record struct TextLine(long Offset, long NextOffset, string Text);
