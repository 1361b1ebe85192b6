using Grainflow.Streaming.Checkpointing.Durability;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Sinks;

/// <summary>
/// Recovery phase: refuses output newer than the restored checkpoint, commits every staged epoch the checkpoint
/// covers and discards every other staging file of the sink subtask. Every step is a rename or a delete that can be
/// repeated, so a crash anywhere, including during an earlier recovery, leaves files this recovery completes.
/// </summary>
internal static class TransactionalFileSinkRecovery
{
    public static SinkRecoveryResult Recover(
        string outputDirectory,
        string sinkId,
        int subtaskIndex,
        IReadOnlyList<SinkCommitRecord> committedInManifest,
        SinkRecoveryOptions options,
        FileSystemOperations fileSystem,
        CancellationToken cancellationToken)
    {
        var naming = new SinkFileNaming(sinkId, subtaskIndex);
        ArgumentNullException.ThrowIfNull(committedInManifest);
        ArgumentNullException.ThrowIfNull(options);
        var directory = SinkOutputDirectory.EnsureWritable(outputDirectory, fileSystem);

        var listed = ListedEpochs(naming, sinkId, committedInManifest, out var highestRecorded);
        var restored = options.RestoredCheckpointId ?? highestRecorded;
        if (!options.AllowDuplicateOutput)
        {
            RefuseOutputAhead(directory, sinkId, restored);
        }

        var committed = new List<string>(listed.Count);
        var consumed = new List<string>();
        foreach (var epoch in listed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (PendingFileCommitter.Commit(fileSystem, directory, naming.PendingName(epoch), naming.FinalName(epoch), epoch, expectedLength: null, mayBeConsumed: true)
                is PendingFileCommit.Consumed)
            {
                consumed.Add(naming.FinalName(epoch));
            }

            committed.Add(naming.FinalName(epoch));
        }

        // Listed after committing, so only staging files the manifest does not name are left. One at or below the
        // restored checkpoint was covered by a completed checkpoint whose commit rename did not survive (a power
        // loss before the directory reached the disk): committing it is the only way not to lose it.
        var discarded = new List<string>();
        foreach (var path in Directory.GetFiles(directory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (naming.TryParsePending(name, out var epoch) && !listed.Contains(epoch) && epoch <= restored)
            {
                PendingFileCommitter.Commit(fileSystem, directory, name, naming.FinalName(epoch), epoch, expectedLength: null);
                committed.Add(naming.FinalName(epoch));
            }
            else if (naming.IsInProgress(name) || (naming.TryParsePending(name, out epoch) && !listed.Contains(epoch)))
            {
                fileSystem.Delete(path);
                discarded.Add(name);
            }
        }

        if (committed.Count + discarded.Count > 0)
        {
            fileSystem.SyncDirectory(directory);
        }

        return new SinkRecoveryResult(committed, discarded, consumed);
    }

    /// <summary>The highest epoch of any subtask of the sink with a committed or staged file in the directory, or 0.</summary>
    public static long HighestEpoch(string directory, string sinkId, bool committedOnly)
    {
        SinkFileNaming.ValidateSinkId(sinkId);
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var highest = 0L;
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            if (SinkFileNaming.TryParseAnySubtask(Path.GetFileName(path), sinkId, out var epoch, out var committed)
                && (committed || !committedOnly))
            {
                highest = Math.Max(highest, epoch);
            }
        }

        return highest;
    }

    internal static void RefuseOutputAhead(string directory, string sinkId, long restored)
    {
        var highest = HighestEpoch(directory, sinkId, committedOnly: true);
        if (highest <= restored)
        {
            return;
        }

        var what = restored == 0 ? "the job starts without a checkpoint" : $"the checkpoint being restored is {restored}";
        throw new CommittedOutputConflictException(
            $"Sink '{sinkId}' has committed output up to epoch {highest} in '{directory}', but {what}: replaying from " +
            "there would write that output again. Restore the checkpoint location (or a savepoint) that produced this " +
            "output, use an empty output directory, or accept repeated output (AllowFallbackWithDuplicates).",
            directory,
            highest);
    }

    private static SortedSet<long> ListedEpochs(
        SinkFileNaming naming, string sinkId, IReadOnlyList<SinkCommitRecord> records, out long highestRecorded)
    {
        var epochs = new SortedSet<long>();
        highestRecorded = 0;
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            if (record.SinkId != sinkId)
            {
                continue;
            }

            highestRecorded = Math.Max(highestRecorded, record.Epoch);
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
