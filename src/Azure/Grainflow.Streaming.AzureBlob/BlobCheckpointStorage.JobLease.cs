using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>One process per job's checkpoint location: a lease on the job's lock blob.</summary>
public sealed partial class BlobCheckpointStorage : ICheckpointLocationLock
{
    /// <summary>The lock blob's name within a job's directory: private (starts with <c>.</c>), so never listed.</summary>
    internal const string JobLeaseBlobName = ".writer.lease";

    private const string OwnerMetadataName = "grainflowowner";

    private string? _locationName;

    // How often a start that found the lease held asks again while it waits for the term of a holder that may be dead.
    private static readonly TimeSpan s_acquirePollInterval = TimeSpan.FromMilliseconds(500);

    // Beyond one term: the holder's last renewal may have reached the service a little after this start's first attempt.
    private static readonly TimeSpan s_acquireSlack = TimeSpan.FromSeconds(1);

    /// <summary>How long a start waits at most for a held lease: a dead holder's lease has expired by then.</summary>
    public TimeSpan JobLockWait => _leaseDuration + s_acquireSlack;

    /// <inheritdoc/>
    /// <remarks>
    /// <para>Takes a lease of <see cref="BlobCheckpointStorageOptions.LeaseDuration"/> on the blob
    /// <c>&lt;prefix&gt;&lt;job&gt;/.writer.lease</c> (created empty, create-only, when missing) and renews it in the
    /// background; the result is an <see cref="ICheckpointLocationLease"/> whose <see cref="ICheckpointLocationLease.Lost"/>
    /// says when the holder must stop writing. Disposing it releases the lease.</para>
    /// <para>When another lease holds the blob, this asks again every half second for up to <see cref="JobLockWait"/>:
    /// a killed holder renews no more and its lease expires in that time, so the start takes over; a live holder keeps
    /// renewing, and the start is refused. Who holds it is kept in the blob's metadata, for the refusal's message.</para>
    /// <para>Once it holds the lease, it fences the job's latest-checkpoint pointer (see <c>FenceLatestPointerAsync</c>):
    /// a publish of the previous holder that reaches the service later fails as a conflict.</para>
    /// </remarks>
    /// <exception cref="Azure.RequestFailedException">The store failed or could not be reached (after the SDK's retries).</exception>
    public async ValueTask<IAsyncDisposable> AcquireJobLockAsync(string jobId, CancellationToken cancellationToken = default)
    {
        CheckpointStorageLayout.ValidateName(jobId, nameof(jobId), "job id");
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var name = _names.Prefix + jobId + "/" + JobLeaseBlobName;
        var blob = _container.GetBlobClient(name);
        var lease = blob.GetBlobLeaseClient(Guid.NewGuid().ToString());
        var started = _time.GetTimestamp();
        var created = false;
        var waiting = false;
        while (true)
        {
            var sentAt = _time.GetTimestamp();
            var acquired = false;
            try
            {
                // A retried Acquire Lease whose first answer was lost succeeds: the service renews a lease acquired again with its own id.
                await lease.AcquireAsync(_leaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
                await WriteOwnerAsync(blob, lease.LeaseId, cancellationToken).ConfigureAwait(false);
                acquired = true;
            }
            catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
            {
                if (BlobCheckpointErrors.IsBlobMissing(failure) && !created)
                {
                    await CreateLockBlobAsync(blob, cancellationToken).ConfigureAwait(false);
                    created = true;
                    continue;
                }

                if (!BlobCheckpointErrors.IsLeaseHeld(failure))
                {
                    throw BlobCheckpointErrors.Failed("Taking the writer lease of", Qualified(name), failure);
                }
            }

            if (acquired)
            {
                await FenceOrReleaseAsync(jobId, lease, cancellationToken).ConfigureAwait(false);
                var location = LocationName;
                if (waiting)
                {
                    var seconds = _time.GetElapsedTime(started).TotalSeconds;
                    LogJobLeaseTakenOver(_logger, jobId, location, seconds);
                }

                return new BlobJobLease(lease, _leaseDuration, sentAt, _time, _logger, jobId, location);
            }

            var waited = _time.GetElapsedTime(started);
            if (waited >= JobLockWait)
            {
                var owner = await ReadOwnerAsync(blob, cancellationToken).ConfigureAwait(false);
                throw new CheckpointLocationLockedException(
                    $"Another process runs job '{jobId}' on the checkpoint location '{LocationName}'{owner}. Stop it first, "
                    + "or give this job another checkpoint location.",
                    jobId,
                    new IOException($"Its writer lease was renewed throughout the {waited.TotalSeconds:0.#} s waited."));
            }

            if (!waiting)
            {
                waiting = true;
                var (location, owner, seconds) = (LocationName, await ReadOwnerAsync(blob, cancellationToken).ConfigureAwait(false), JobLockWait.TotalSeconds);
                LogJobLeaseWaiting(_logger, jobId, location, owner, seconds);
            }

            var left = JobLockWait - waited;
            await Task.Delay(left < s_acquirePollInterval ? left : s_acquirePollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The location as messages name it: the container's address (never a SAS) and the prefix.</summary>
    private string LocationName => _locationName ??= ContainerUri.ToString().TrimEnd('/') + (_names.Prefix.Length == 0 ? string.Empty : "/" + _names.Prefix.TrimEnd('/'));

    private static async ValueTask CreateLockBlobAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var createOnly = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await blob.UploadAsync(BinaryData.Empty, createOnly, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            // Another starter created it first (or this one's retried create did): either way it exists now.
            if (!BlobCheckpointErrors.IsConditionFailure(failure))
            {
                throw BlobCheckpointErrors.Failed("Creating the writer lock", blob.BlobContainerName + "/" + blob.Name, failure);
            }
        }
    }

    // The owner note only improves a contender's message; the lock is the lease.
    private async ValueTask WriteOwnerAsync(BlobClient blob, string leaseId, CancellationToken cancellationToken)
    {
        var owner = string.Create(
            CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} on {Environment.MachineName} since {_time.GetUtcNow():O}");
        try
        {
            await blob.SetMetadataAsync(
                new Dictionary<string, string> { [OwnerMetadataName] = AsciiOnly(owner) },
                new BlobRequestConditions { LeaseId = leaseId },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is not null)
        {
        }
    }

    private static async ValueTask<string> ReadOwnerAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.Metadata.TryGetValue(OwnerMetadataName, out var owner) && owner.Length > 0 ? $" ({owner})" : string.Empty;
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is not null)
        {
            return string.Empty;
        }
    }

    // Metadata travels in a header, which carries ASCII only (a machine name need not be).
    private static string AsciiOnly(string text)
    {
        var ascii = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            ascii.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return ascii.ToString();
    }
}
