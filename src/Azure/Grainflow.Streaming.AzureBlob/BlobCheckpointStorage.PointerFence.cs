using Azure;
using Azure.Storage.Blobs.Specialized;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>
/// Fencing of the latest-checkpoint pointer at a writer lease's takeover. The lease is on another blob, so the pointer's
/// write cannot carry it; instead the new holder changes the pointer's ETag once it holds the lease. A previous holder
/// replaces the pointer with <c>If-Match</c> on the ETag it last saw, so any publish of it that reaches the service after
/// the takeover (sent late, or retried by the SDK past the lease's term) fails as a conflict instead of replacing the
/// pointer under the new holder, which has not read it yet.
/// </summary>
public sealed partial class BlobCheckpointStorage
{
    private const string FenceMetadataName = "grainflowfence";

    // A previous holder lands at most a publish or two (and their retries) in the window; more is a store gone wrong.
    private const int FenceAttempts = 10;

    /// <summary>
    /// Changes the ETag of job <paramref name="jobId"/>'s pointer (Set Blob Metadata, conditional on the ETag just read,
    /// keeping its metadata and adding the lease id), so that writes conditional on an earlier ETag fail. Nothing to do
    /// while the job has no pointer: a previous holder's first publish is create-only, as the new holder's is.
    /// </summary>
    /// <exception cref="RequestFailedException">The store failed or could not be reached (after the SDK's retries).</exception>
    private async ValueTask FenceLatestPointerAsync(string jobId, string leaseId, CancellationToken cancellationToken)
    {
        var pointer = _container.GetBlobClient(_names.ToBlobName(new CheckpointStorageLayout(jobId).LatestPointerPath));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var properties = (await pointer.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
                var metadata = new Dictionary<string, string>(properties.Metadata, StringComparer.OrdinalIgnoreCase) { [FenceMetadataName] = leaseId };
                await pointer.SetMetadataAsync(metadata, new() { IfMatch = properties.ETag }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
            {
                if (BlobCheckpointErrors.IsBlobMissing(failure))
                {
                    return;
                }

                // 412: the pointer changed between the read and the fence (a late publish of the previous holder); read it again.
                if (failure.Status != 412 || attempt == FenceAttempts)
                {
                    throw BlobCheckpointErrors.Failed("Fencing the latest-checkpoint pointer", Qualified(pointer.Name), failure);
                }
            }
        }
    }

    // Taking the lease and fencing the pointer are one step for the caller: a lease whose fence failed is given back.
    private async ValueTask FenceOrReleaseAsync(string jobId, BlobLeaseClient lease, CancellationToken cancellationToken)
    {
        try
        {
            await FenceLatestPointerAsync(jobId, lease.LeaseId, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await lease.ReleaseAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, CancellationToken.None) is not null)
            {
                // It expires by itself within its term.
            }

            throw;
        }
    }
}
