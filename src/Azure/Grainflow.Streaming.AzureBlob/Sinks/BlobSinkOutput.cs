using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Sinks;

namespace Grainflow.Streaming.AzureBlob.Sinks;

/// <summary>
/// A blob sink's output as a whole: what the container already holds (committed blobs, and blobs with staged blocks
/// only), and the recovery of one task from a restored checkpoint.
/// </summary>
internal sealed class BlobSinkOutput(BlobContainerClient container, BlobSinkNaming naming)
{
    public BlobContainerClient Container => container;

    public BlobSinkNaming Naming => naming;

    /// <summary>Where the output goes, for messages: the container's address (no query, so no SAS) and the prefix.</summary>
    public string Describe() => $"{container.Uri.GetLeftPart(UriPartial.Path)}/{naming.SinkPrefix}*";

    /// <summary>
    /// The highest epoch of any task with a blob in the container, or 0: committed blobs only, or also blobs that hold
    /// staged blocks only (<paramref name="includeStaged"/>), which a new epoch must not share a name with.
    /// </summary>
    public async ValueTask<long> HighestEpochAsync(bool includeStaged, CancellationToken cancellationToken)
    {
        var options = new GetBlobsOptions { Prefix = naming.SinkPrefix, States = includeStaged ? BlobStates.Uncommitted : BlobStates.None };
        var highest = 0L;
        try
        {
            await foreach (var item in container.GetBlobsAsync(options, cancellationToken).ConfigureAwait(false))
            {
                if (naming.TryParseBlobName(item.Name, out _, out var epoch))
                {
                    highest = Math.Max(highest, epoch);
                }
            }
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            // A container that does not exist yet holds no output.
            return BlobCheckpointErrors.IsContainerMissing(failure) ? 0 : throw BlobCheckpointErrors.Failed("Listing", Describe(), failure);
        }

        return highest;
    }

    /// <summary>Throws when the container holds committed output of this sink newer than <paramref name="restoredCheckpointId"/>.</summary>
    /// <exception cref="CommittedOutputConflictException">It does.</exception>
    public async ValueTask RefuseOutputAheadAsync(long restoredCheckpointId, CancellationToken cancellationToken)
    {
        var highest = await HighestEpochAsync(includeStaged: false, cancellationToken).ConfigureAwait(false);
        if (highest <= restoredCheckpointId)
        {
            return;
        }

        var what = restoredCheckpointId == 0 ? "the job starts without a checkpoint" : $"the checkpoint being restored is {restoredCheckpointId}";
        throw new CommittedOutputConflictException(
            $"Blob sink '{naming.SinkId}' has committed output up to epoch {highest} in {Describe()}, but {what}: replaying from there would " +
            "write that output again. Restore the checkpoint location (or a savepoint) that produced it, use an empty container or prefix, " +
            "or accept repeated output (--allow-duplicate-output).",
            Describe(),
            highest);
    }

    /// <summary>
    /// Recovery of task <paramref name="task"/>: commits the blobs the restored checkpoint lists for it (whose blocks
    /// are still uncommitted, or which an earlier commit completed already: committing again changes nothing). Blobs of
    /// later epochs, which no completed checkpoint lists, are left uncommitted: readers never see them, the service
    /// discards their blocks after a week, and new epochs get higher ids than theirs, so no commit ever includes them.
    /// </summary>
    /// <returns>The blobs committed (or found committed).</returns>
    /// <exception cref="InvalidDataException">The checkpoint lists an entry that is not this sink's.</exception>
    public async ValueTask<IReadOnlyList<string>> RecoverAsync(
        int task, IReadOnlyList<SinkCommitRecord> restoredCommits, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var committed = new List<string>();
        foreach (var (epoch, staged) in Listed(task, restoredCommits))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await BlobSinkCommitter.CommitAsync(container, staged, task, epoch, cancellationToken).ConfigureAwait(false);
            committed.Add(staged.BlobName);
        }

        return committed;
    }

    private async ValueTask EnsureContainerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            // A container SAS may not create containers; if the container is missing, the first staged block says so.
            if (!BlobCheckpointErrors.IsForbidden(failure))
            {
                throw BlobCheckpointErrors.Failed("Creating container", container.Name, failure);
            }
        }
    }

    private SortedDictionary<long, StagedBlob> Listed(int task, IReadOnlyList<SinkCommitRecord> records)
    {
        var listed = new SortedDictionary<long, StagedBlob>();
        foreach (var record in records.Where(r => r.SinkId == naming.SinkId))
        {
            foreach (var entry in record.PendingFiles)
            {
                if (!StagedBlob.TryParse(entry, out var staged) || !naming.TryParseBlobName(staged.BlobName, out var owner, out var epoch))
                {
                    throw new InvalidDataException(
                        $"The checkpoint lists '{entry}' as staged output of blob sink '{naming.SinkId}', which is not one of its blobs " +
                        $"(expected '{naming.SinkPrefix}<task>-<epoch>.txt;attempt=<hex>;blocks=<n>').");
                }

                // Blobs of the sink's other tasks are theirs to recover.
                if (owner == task)
                {
                    listed[epoch] = staged;
                }
            }
        }

        return listed;
    }
}
