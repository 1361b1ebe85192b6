namespace Grainflow.Streaming.Sinks;

/// <summary>
/// Commit phase: makes one pre-committed file visible by renaming it to its final name. Idempotent, because a
/// commit can be repeated: by recovery after a crash between renames, or by a late completion notification.
/// </summary>
internal static class PendingFileCommitter
{
    /// <summary>Renames <paramref name="pendingName"/> to <paramref name="finalName"/> unless that already happened.</summary>
    /// <param name="directory">The full path of the output directory.</param>
    /// <param name="pendingName">The staged file, as named in the manifest.</param>
    /// <param name="finalName">The visible name.</param>
    /// <param name="expectedLength">The staged file's length when known, to tell an earlier commit of this epoch
    /// from a foreign file; <see langword="null"/> in recovery, where the manifest records names only.</param>
    /// <returns><see langword="true"/> if this call renamed the file; <see langword="false"/> if it was committed before.</returns>
    /// <exception cref="FileNotFoundException">Neither the staged nor the final file exists: the epoch's output is lost.</exception>
    /// <exception cref="IOException">The final file exists with a length other than <paramref name="expectedLength"/>.</exception>
    public static bool Commit(string directory, string pendingName, string finalName, long? expectedLength)
    {
        var pendingPath = Path.Combine(directory, pendingName);
        var finalPath = Path.Combine(directory, finalName);
        try
        {
            // Overwrite: a final file next to a staged one can only be left by an abandoned history of this epoch
            // (recovery fell back to an older checkpoint); the staged file is the epoch's output in this history.
            // A rename over an existing file is atomic, so readers see the old or the new file, never neither.
            File.Move(pendingPath, finalPath, overwrite: true);
            return true;
        }
        catch (FileNotFoundException ex)
        {
            // The staged file is gone: either the rename happened before, or the output is lost.
            if (!File.Exists(finalPath))
            {
                throw new FileNotFoundException(
                    $"Neither '{pendingName}' nor '{finalName}' exists in '{directory}': the output of a pre-committed " +
                    "epoch was deleted outside the sink, so its records are lost and the output is not exactly-once.",
                    pendingPath,
                    ex);
            }
        }

        if (expectedLength is { } expected && new FileInfo(finalPath).Length is var actualLength && actualLength != expected)
        {
            throw new IOException(
                $"'{pendingName}' was committed to '{finalPath}' before, but that file has {actualLength} bytes, not the " +
                $"{expected} staged: another writer produced it. Stop the other writer of this sink subtask.");
        }

        return false;
    }
}
