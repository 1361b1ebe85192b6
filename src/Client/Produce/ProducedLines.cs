using System.Text;
using Grainflow.Client.CommandLine;

namespace Grainflow.Client.Produce;

/// <summary>
/// The lines <c>grainflow produce</c> writes, in order: a text file's lines (repeated to reach a count) or seeded
/// generated words. The same options give the same lines, which is what lets a re-run of a stream producer line up
/// with what it stored before.
/// </summary>
internal static class ProducedLines
{
    /// <summary>The next-line function and how many lines to produce (null: until interrupted).</summary>
    /// <exception cref="ClientFailure">The text file is missing, unreadable or empty (exit code 2).</exception>
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

    private static string[] ReadLines(string file)
    {
        try
        {
            var lines = File.ReadAllLines(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false));
            return lines.Length > 0
                ? lines
                : throw new ClientFailure(ClientExitCodes.UsageError, $"the --text file '{file}' has no lines to produce.");
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
