using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Sinks;

/// <summary>
/// Recovery phase: commits the epochs the restored manifest lists and discards every other staging file of the
/// sink subtask. Every step is a rename or a delete that can be repeated, so a crash anywhere, including during
/// an earlier recovery, leaves files this recovery completes.
/// </summary>
internal static class TransactionalFileSinkRecovery
{
    public static SinkRecoveryResult Recover(
        string outputDirectory,
        string sinkId,
        int subtaskIndex,
        IReadOnlyList<SinkCommitRecord> committedInManifest,
        CancellationToken cancellationToken)
    {
        var naming = new SinkFileNaming(sinkId, subtaskIndex);
        ArgumentNullException.ThrowIfNull(committedInManifest);
        var directory = SinkOutputDirectory.EnsureWritable(outputDirectory);

        var listed = ListedEpochs(naming, sinkId, committedInManifest);
        var committed = new List<string>(listed.Count);
        foreach (var epoch in listed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PendingFileCommitter.Commit(directory, naming.PendingName(epoch), naming.FinalName(epoch), expectedLength: null);
            committed.Add(naming.FinalName(epoch));
        }

        // Listed after committing, so only staging files that no manifest entry accounts for are left to delete.
        var discarded = new List<string>();
        foreach (var path in Directory.GetFiles(directory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (name == naming.InProgressName || (naming.TryParsePending(name, out var epoch) && !listed.Contains(epoch)))
            {
                File.Delete(path);
                discarded.Add(name);
            }
        }

        return new SinkRecoveryResult(committed, discarded);
    }

    private static SortedSet<long> ListedEpochs(SinkFileNaming naming, string sinkId, IReadOnlyList<SinkCommitRecord> records)
    {
        var epochs = new SortedSet<long>();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            if (record.SinkId != sinkId)
            {
                continue;
            }

            foreach (var name in record.PendingFiles)
            {
                if (string.IsNullOrEmpty(name) || Path.GetFileName(name) != name || name is "." or "..")
                {
                    throw new InvalidDataException(
                        $"The manifest lists '{name}' as a pending file of sink '{sinkId}'; pending files are plain file names.");
                }

                // Files of the sink's other subtasks are theirs to recover.
                if (naming.TryParsePending(name, out var epoch))
                {
                    epochs.Add(epoch);
                }
            }
        }

        return epochs;
    }
}
