using System.Runtime.CompilerServices;
using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.Sinks;

/// <summary>
/// Reads a file sink's output the way its consumers must: every file directly in the output directory whose name
/// does not start with <c>_</c> or <c>.</c>, so staged and uncommitted output is never seen.
/// </summary>
public static class CommittedOutputReader
{
    /// <summary>Lists the full paths of the committed files, in ordinal order of their names.</summary>
    /// <param name="outputDirectory">The sink's output directory; a missing directory has no files.</param>
    public static IReadOnlyList<string> ListCommittedFiles(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        if (!Directory.Exists(outputDirectory))
        {
            return [];
        }

        var files = Directory.GetFiles(Path.GetFullPath(outputDirectory))
            .Where(path => SinkFileNaming.IsVisible(Path.GetFileName(path)))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// Reads the lines of every committed file, file after file in <see cref="ListCommittedFiles"/> order. Lines are
    /// read as <see cref="TextFileSource"/> reads them (a '\r' before '\n' is removed).
    /// </summary>
    /// <param name="outputDirectory">The sink's output directory.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public static async IAsyncEnumerable<string> ReadLinesAsync(
        string outputDirectory,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var batch = new TextLineBatch();
        foreach (var path in ListCommittedFiles(outputDirectory))
        {
            using var source = TextFileSource.Open(path);
            while (await source.ReadAsync(batch, cancellationToken).ConfigureAwait(false) > 0)
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    yield return batch.Lines[i].Text;
                }
            }
        }
    }
}
