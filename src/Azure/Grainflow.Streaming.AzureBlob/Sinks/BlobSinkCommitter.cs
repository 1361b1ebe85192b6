using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grainflow.Streaming.Sinks;

namespace Grainflow.Streaming.AzureBlob.Sinks;

/// <summary>
/// The commit of one staged epoch: Put Block List of exactly the blocks the epoch staged, create-only
/// (<c>If-None-Match: *</c>), so a committed blob is never replaced. Idempotent: when the blob exists already, its
/// committed block list is read back, and the commit is done if it holds exactly these blocks (an earlier commit, or
/// this one's first attempt whose response was lost), or a <see cref="CommittedOutputConflictException"/> if not.
/// </summary>
internal static class BlobSinkCommitter
{
    private static readonly BlobHttpHeaders s_textHeaders = new() { ContentType = "text/plain; charset=utf-8" };

    /// <exception cref="CommittedOutputConflictException">The blob holds other content.</exception>
    /// <exception cref="IOException">The staged blocks are gone (the service discards uncommitted blocks after a week,
    /// or the container was emptied) and the blob was never committed.</exception>
    /// <exception cref="RequestFailedException">Another failure, after the SDK's retries; the message names the blob.</exception>
    public static async ValueTask CommitAsync(
        BlobContainerClient container, StagedBlob staged, int task, long epoch, CancellationToken cancellationToken)
    {
        var blob = container.GetBlockBlobClient(staged.BlobName);
        var blockIds = BlobSinkNaming.BlockIds(staged, task, epoch);
        try
        {
            await blob.CommitBlockListAsync(
                blockIds,
                new CommitBlockListOptions { HttpHeaders = s_textHeaders, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure
            && (BlobCheckpointErrors.IsConditionFailure(failure) || IsInvalidBlockList(failure) || BlobCheckpointErrors.IsOutcomeUnknown(failure)))
        {
            // The outcome is read back below: the blob may hold this commit already.
            if (await CommittedBlocksAsync(blob, cancellationToken).ConfigureAwait(false) is { } committed)
            {
                if (!committed.SequenceEqual(blockIds, StringComparer.Ordinal))
                {
                    throw new CommittedOutputConflictException(
                        $"The blob '{Qualified(container, staged.BlobName)}' was committed with other content than epoch {epoch} of task {task} staged; " +
                        "it is left as it is. Use an empty container or prefix for this job's output.",
                        Qualified(container, staged.BlobName),
                        epoch);
                }

                return;
            }

            if (IsInvalidBlockList(failure))
            {
                throw new IOException(
                    $"The staged blocks of '{Qualified(container, staged.BlobName)}' (epoch {epoch}) are gone: the service discards uncommitted " +
                    "blocks after a week, or the container was emptied. That epoch's output is lost; restore an older savepoint into an empty prefix.",
                    failure);
            }

            throw BlobCheckpointErrors.Failed("Committing", Qualified(container, staged.BlobName), failure);
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            throw BlobCheckpointErrors.Failed("Committing", Qualified(container, staged.BlobName), failure);
        }
    }

    /// <summary>The committed block ids of the blob, or null when it has never been committed.</summary>
    private static async ValueTask<string[]?> CommittedBlocksAsync(BlockBlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var list = await blob.GetBlockListAsync(BlockListTypes.Committed, snapshot: null, conditions: null, cancellationToken).ConfigureAwait(false);
            return [.. list.Value.CommittedBlocks.Select(b => b.Name)];
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            return BlobCheckpointErrors.IsNotFound(failure) ? null : throw BlobCheckpointErrors.Failed("Reading the block list of", blob.Name, failure);
        }
    }

    private static bool IsInvalidBlockList(RequestFailedException failure) =>
        failure.Status == 400 && failure.ErrorCode == BlobErrorCode.InvalidBlockList;

    internal static string Qualified(BlobContainerClient container, string blobName) => $"{container.Name}/{blobName}";
}
