using System.Text.RegularExpressions;
using Grainflow.Streaming.Sinks;

namespace Grainflow.Streaming.Tests.Sinks;

/// <summary>What a sink left in its output directory, as tests assert it.</summary>
internal static partial class SinkOutput
{
    public static async Task<List<string>> ReadCommittedAsync(string directory)
    {
        var lines = new List<string>();
        await foreach (var line in CommittedOutputReader.ReadLinesAsync(directory))
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Every file name in the directory, visible or not, in ordinal order, writer tokens as <c>&lt;writer&gt;</c>.</summary>
    public static string[] FileNames(string directory) =>
        [.. Directory.GetFiles(directory).Select(path => WithoutWriterToken(Path.GetFileName(path))).Order(StringComparer.Ordinal)];

    /// <summary>
    /// <paramref name="text"/> with each in-progress file's random writer token written as <c>&lt;writer&gt;</c>
    /// ("_part-wc-0.3f9a0c12de45.inprogress" becomes "_part-wc-0.&lt;writer&gt;.inprogress"), so that tests can assert names exactly.
    /// </summary>
    public static string WithoutWriterToken(string text) => WriterToken().Replace(text, ".<writer>.inprogress");

    public static string[] WithoutWriterTokens(IEnumerable<string> texts) => [.. texts.Select(WithoutWriterToken)];

    [GeneratedRegex(@"\.[0-9a-f]{12}\.inprogress")]
    private static partial Regex WriterToken();
}
