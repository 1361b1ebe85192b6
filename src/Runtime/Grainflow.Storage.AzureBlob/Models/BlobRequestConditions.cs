using Azure;

namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>
/// Explicit preconditions of one request. Unset members send no header.
/// </summary>
/// <remarks>
/// Use <c>IfNoneMatch = ETag.All</c> for create-only writes: an existing blob answers 409
/// (<see cref="BlobStorageException.IsConflict"/>). Use <c>IfMatch = etag</c> for compare-and-swap: a changed blob
/// answers 412 (<see cref="BlobStorageException.IsPreconditionFailed"/>).
/// </remarks>
public sealed class BlobRequestConditions
{
    /// <summary>Sends <c>If-Match</c>: the request applies only when the blob's ETag equals this one (or any, for <see cref="ETag.All"/>).</summary>
    public ETag? IfMatch { get; init; }

    /// <summary>Sends <c>If-None-Match</c>: the request applies only when the blob's ETag differs (<see cref="ETag.All"/>: only when no blob exists).</summary>
    public ETag? IfNoneMatch { get; init; }

    /// <summary>Sends <c>If-Modified-Since</c>.</summary>
    public DateTimeOffset? IfModifiedSince { get; init; }

    /// <summary>Sends <c>If-Unmodified-Since</c>.</summary>
    public DateTimeOffset? IfUnmodifiedSince { get; init; }

    /// <summary>Sends <c>x-ms-lease-id</c>: required to write or delete a leased blob. Ignored by lease operations, which use their client's lease id.</summary>
    public string? LeaseId { get; init; }
}
