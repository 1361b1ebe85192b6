using System.Globalization;
using Grainflow.Storage.AzureBlob.Internal;
using Grainflow.Storage.AzureBlob.Models;

namespace Grainflow.Storage.AzureBlob;

/// <summary>
/// Acquires, renews, releases and breaks one blob's lease using <see cref="LeaseId"/>. Thread-safe.
/// While a lease is held, writes and deletes must carry the id (<see cref="BlobRequestConditions.LeaseId"/>) or fail with 412.
/// </summary>
public sealed class BlobLeaseClient
{
    /// <summary>Pass to <see cref="AcquireAsync"/> for a lease that never expires.</summary>
    public static readonly TimeSpan InfiniteLeaseDuration = TimeSpan.FromSeconds(-1);

    private readonly BlobPipeline _pipeline;
    private readonly Uri _blobUri;

    internal BlobLeaseClient(BlobPipeline pipeline, Uri blobUri, string leaseId)
    {
        _pipeline = pipeline;
        _blobUri = blobUri;
        LeaseId = leaseId;
    }

    /// <summary>The lease id this client proposes on acquire and presents on renew and release.</summary>
    public string LeaseId { get; }

    /// <summary>Acquires the lease for 15–60 seconds or <see cref="InfiniteLeaseDuration"/>.</summary>
    /// <exception cref="BlobStorageException"><see cref="BlobStorageException.IsConflict"/> when another id holds the lease.</exception>
    public async Task<BlobLease> AcquireAsync(TimeSpan duration, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        var seconds = (int)duration.TotalSeconds;
        if (seconds != -1 && seconds is < 15 or > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), "A lease lasts 15 to 60 seconds, or is infinite.");
        }

        var request = LeaseRequest("AcquireLease", "acquire", conditions);
        request.Headers["x-ms-lease-duration"] = seconds.ToString(CultureInfo.InvariantCulture);
        request.Headers["x-ms-proposed-lease-id"] = LeaseId;
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renews the lease held under <see cref="LeaseId"/>, restarting its duration.</summary>
    public async Task<BlobLease> RenewAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        var request = LeaseRequest("RenewLease", "renew", conditions);
        request.Headers["x-ms-lease-id"] = LeaseId;
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the lease held under <see cref="LeaseId"/> so another client can acquire one at once.</summary>
    public async Task<BlobLease> ReleaseAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        var request = LeaseRequest("ReleaseLease", "release", conditions);
        request.Headers["x-ms-lease-id"] = LeaseId;
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Breaks the current lease, whoever holds it: at once for <paramref name="breakPeriod"/> zero, else after it
    /// (0–60 s). Null lets a fixed-duration lease run out and breaks an infinite one at once.
    /// </summary>
    public async Task<BlobLease> BreakAsync(TimeSpan? breakPeriod = null, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        var request = LeaseRequest("BreakLease", "break", conditions);
        if (breakPeriod is { } period)
        {
            var seconds = (int)period.TotalSeconds;
            ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(breakPeriod));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, 60, nameof(breakPeriod));
            request.Headers["x-ms-lease-break-period"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return await SendAsync(request, cancellationToken, leaseIdFallback: string.Empty).ConfigureAwait(false);
    }

    private BlobRequest LeaseRequest(string operation, string action, BlobRequestConditions? conditions)
    {
        var request = new BlobRequest(operation, HttpMethod.Put, BlobUris.WithQuery(_blobUri, "comp=lease"));
        request.Headers["x-ms-lease-action"] = action;
        ConditionHeaders.Apply(request, conditions, includeLease: false);
        return request;
    }

    private async Task<BlobLease> SendAsync(BlobRequest request, CancellationToken cancellationToken, string? leaseIdFallback = null)
    {
        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return BlobResponseReader.Lease(response, leaseIdFallback ?? LeaseId);
    }
}
