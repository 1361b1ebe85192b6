using Grainflow.Streaming.Checkpointing.Durability;

namespace Grainflow.Streaming.Sinks;

/// <summary>
/// Commit phase: makes one pre-committed file visible by renaming it to its final name. Idempotent, because a
/// commit can be repeated: by recovery after a crash between renames, or by a late completion notification. A
/// committed file is never replaced: consumers may have read it, so replacing it would change output already
/// delivered. The caller syncs the directory once after a group of commits.
/// </summary>
internal static class PendingFileCommitter
{
    /// <summary>Renames <paramref name="pendingName"/> to <paramref name="finalName"/> unless that already happened.</summary>
    /// <param name="fileSystem">Performs the rename.</param>
    /// <param name="directory">The full path of the output directory.</param>
    /// <param name="pendingName">The staged file, as named in the manifest.</param>
    /// <param name="finalName">The visible name.</param>
    /// <param name="epoch">The epoch, for messages.</param>
    /// <param name="expectedLength">The staged file's length when known, to tell an earlier commit of this epoch
    /// from a foreign file; <see langword="null"/> in recovery, where the manifest records names only.</param>
    /// <param name="mayBeConsumed">A completed checkpoint covers the epoch, so an earlier run may have committed it and a
    /// consumer moved or deleted the committed file since (recovery): neither file existing then means exactly that.</param>
    /// <returns>What happened to the epoch.</returns>
    /// <exception cref="FileNotFoundException">Neither the staged nor the final file exists and
    /// <paramref name="mayBeConsumed"/> is false: the epoch's output is lost.</exception>
    /// <exception cref="CommittedOutputConflictException">Both exist: the final file is output of another history of
    /// this epoch id (a fresh checkpoint location, a restored savepoint) and must not be replaced.</exception>
    /// <exception cref="IOException">The final file exists with a length other than <paramref name="expectedLength"/>.</exception>
    public static PendingFileCommit Commit(
        FileSystemOperations fileSystem, string directory, string pendingName, string finalName, long epoch, long? expectedLength, bool mayBeConsumed = false)
    {
        var pendingPath = Path.Combine(directory, pendingName);
        var finalPath = Path.Combine(directory, finalName);
        if (!File.Exists(finalPath))
        {
            try
            {
                fileSystem.Move(pendingPath, finalPath, overwrite: false);
                return PendingFileCommit.Renamed;
            }
            catch (FileNotFoundException) when (mayBeConsumed && !File.Exists(finalPath))
            {
                // Never re-created: the consumer has the records, and writing them again would deliver them twice.
                return PendingFileCommit.Consumed;
            }
            catch (FileNotFoundException ex) when (!File.Exists(finalPath))
            {
                throw new FileNotFoundException(
                    $"Neither '{pendingName}' nor '{finalName}' exists in '{directory}': the output of a pre-committed " +
                    "epoch was deleted outside the sink, so its records are lost and the output is not exactly-once.",
                    pendingPath,
                    ex);
            }
            catch (IOException) when (File.Exists(finalPath) && File.Exists(pendingPath))
            {
                throw Conflict(finalPath, epoch);
            }
            catch (FileNotFoundException)
            {
                // The final file appeared while we renamed: an earlier commit of this epoch raced us; checked below.
            }
        }
        else if (File.Exists(pendingPath))
        {
            throw Conflict(finalPath, epoch);
        }

        if (expectedLength is { } expected && new FileInfo(finalPath).Length is var actualLength && actualLength != expected)
        {
            throw new IOException(
                $"'{pendingName}' was committed to '{finalPath}' before, but that file has {actualLength} bytes, not the " +
                $"{expected} staged: another writer produced it. Stop the other writer of this sink subtask.");
        }

        return PendingFileCommit.CommittedBefore;
    }

    private static CommittedOutputConflictException Conflict(string finalPath, long epoch) => new(
        $"The sink would replace the committed file '{finalPath}' of epoch {epoch}: the output directory holds output " +
        "of another run with the same checkpoint ids (a fresh or wiped checkpoint location, or a restored savepoint). " +
        "Use an empty output directory, or restore the checkpoint location that produced this output.",
        finalPath,
        epoch);
}
