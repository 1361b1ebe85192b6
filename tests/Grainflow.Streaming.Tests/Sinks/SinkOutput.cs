using Grainflow.Streaming.Sinks;

namespace Grainflow.Streaming.Tests.Sinks;

/// <summary>What a sink left in its output directory, as tests assert it.</summary>
internal static class SinkOutput
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

    /// <summary>Every file name in the directory, visible or not, in ordinal order.</summary>
    public static string[] FileNames(string directory) =>
        [.. Directory.GetFiles(directory).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];
}
