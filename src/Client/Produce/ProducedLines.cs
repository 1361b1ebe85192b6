using System.Globalization;
using System.Text;
using Grainflow.Client.CommandLine;
using Grainflow.Streaming.Sources;

namespace Grainflow.Client.Produce;

/// <summary>
/// The lines <c>grainflow produce</c> writes, in order: a text file's lines (repeated to reach a count) or seeded
/// generated words. The same options give the same lines, which is what lets a re-run of a stream producer line up
/// with what it stored before.
/// </summary>
internal static class ProducedLines
{
    /// <summary>The next-line function and how many lines to produce (null: until interrupted).</summary>
    /// <exception cref="ClientFailure">
    /// The text file is missing, unreadable or empty, or a line of it is larger than a record may be (exit code 2): checked
    /// before anything is produced, so a refused file appends nothing.
    /// </exception>
    public static (Func<string> Next, long? Total) Open(string? textFile, int seed, long? count)
    {
        if (textFile is null)
        {
            return (new WordLines(seed).Next, count);
        }

        var lines = ReadLines(textFile);
        var index = 0L;
        return (() => lines[index++ % lines.Length], count ?? lines.Length);
    }

    // Every line is checked before the first is produced: a line the log refuses halfway through would leave the records
    // before it appended and the rest not, which a re-run cannot line up with.
    private static void RequireRecordSized(string file, string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            // A UTF-8 byte count is at most three per UTF-16 char: most lines need no counting.
            if (lines[i].Length > SegmentLog.MaxRecordLength / 3 && Encoding.UTF8.GetByteCount(lines[i]) is var bytes && bytes > SegmentLog.MaxRecordLength)
            {
                throw new ClientFailure(ClientExitCodes.UsageError, string.Create(
                    CultureInfo.InvariantCulture,
                    $"line {i + 1} of the --text file '{file}' is {bytes:N0} bytes, over the {SegmentLog.MaxRecordLength:N0}-byte (64 MiB) limit of a record; split the line. Nothing was produced."));
            }
        }
    }

    private static string[] ReadLines(string file)
    {
        try
        {
            var lines = File.ReadAllLines(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false));
            if (lines.Length == 0)
            {
                throw new ClientFailure(ClientExitCodes.UsageError, $"the --text file '{file}' has no lines to produce.");
            }

            RequireRecordSized(file, lines);
            return lines;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ClientFailure(ClientExitCodes.UsageError, $"the --text file '{file}' does not exist.", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ClientFailure(ClientExitCodes.UsageError, $"the --text file '{file}' cannot be read: {exception.Message}", exception);
        }
    }
}
