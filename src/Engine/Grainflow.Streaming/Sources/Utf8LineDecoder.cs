using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Grainflow.Streaming.Sources;

/// <summary>
/// Decodes a line of UTF-8, replacing each invalid sequence (a maximal ill-formed subsequence, as the Unicode
/// standard recommends and <see cref="Encoding.UTF8"/> does) with U+FFFD and counting the replacements.
/// </summary>
internal static class Utf8LineDecoder
{
    public static string Decode(ReadOnlySpan<byte> bytes, out int invalidSequences)
    {
        invalidSequences = Utf8.IsValid(bytes) ? 0 : CountInvalidSequences(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    // Only runs for lines that failed the vectorized validity check, so the per-scalar walk is off the common path.
    private static int CountInvalidSequences(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out _, out var consumed) != OperationStatus.Done)
            {
                count++;
            }

            bytes = bytes[consumed..];
        }

        return count;
    }
}
