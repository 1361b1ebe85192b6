using Azure;
using Azure.Storage.Blobs.Models;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>
/// The one place where what the Azure SDK throws is classified: which <see cref="RequestFailedException"/> is a lost
/// race (<see cref="CheckpointConflictException"/>), a blob that changed under a reader
/// (<see cref="CheckpointIntegrityException"/>), or a failure reported as a <see cref="RequestFailedException"/> that
/// names the blob. Every message built here is made of the status, the error code, the blob's name and, for a request
/// that got no response, the first line of the transport's message (which names a host and port, never a query), so it
/// carries no account key, SAS signature or token.
/// </summary>
internal static class BlobCheckpointErrors
{
    /// <summary>
    /// Returns what an SDK call threw as the storage failure it reports, or <see langword="null"/> when it is not one
    /// (the caller's cancellation, an argument error). The SDK reports a request that got no response as status 0, a
    /// run of such attempts that outlived the retries as an <see cref="AggregateException"/>, a connection dropped
    /// mid-body as an <see cref="IOException"/>, and a timeout nobody asked for as an
    /// <see cref="OperationCanceledException"/>. Only for SDK calls: a snapshot writer's <see cref="IOException"/> is its
    /// own (<see cref="PipedBlobUpload"/> keeps the two apart).
    /// </summary>
    public static RequestFailedException? AsRequestFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException failure => failure,
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0
            && aggregate.InnerExceptions.All(e => AsRequestFailure(e, cancellationToken) is not null) =>
            new RequestFailedException(
                0,
                $"{aggregate.InnerExceptions.Count} attempts, the last: {FirstLine(aggregate.InnerExceptions[^1].Message)}",
                aggregate),
        IOException io => new RequestFailedException(0, $"the connection failed: {FirstLine(io.Message)}", io),
        OperationCanceledException timeout when !cancellationToken.IsCancellationRequested =>
            new RequestFailedException(0, "the request timed out", timeout),
        _ => null,
    };

    /// <summary>
    /// A condition of a write did not hold: 409 from <c>If-None-Match: *</c> on an existing blob, 412 from a stale
    /// <c>If-Match</c>, or 404 <c>BlobNotFound</c> from <c>If-Match</c> on a blob that is gone.
    /// </summary>
    public static bool IsConditionFailure(RequestFailedException failure) =>
        failure.Status is 409 or 412 || IsBlobMissing(failure);

    /// <summary>
    /// The request may or may not have been applied: no response arrived (status 0), or the service failed or timed
    /// out after it may have committed (408, 500, 503, 504). 429 and other 4xx answers come before anything is applied.
    /// </summary>
    public static bool IsOutcomeUnknown(RequestFailedException failure) => failure.Status is 0 or 408 or 500 or 503 or 504;

    /// <summary>The blob, or its container, does not exist.</summary>
    public static bool IsNotFound(RequestFailedException failure) => failure.Status == 404;

    /// <summary>The blob does not exist (its container does).</summary>
    public static bool IsBlobMissing(RequestFailedException failure) =>
        failure.Status == 404 && failure.ErrorCode == BlobErrorCode.BlobNotFound;

    /// <summary>The container does not exist (never created, or deleted after this instance created it).</summary>
    public static bool IsContainerMissing(RequestFailedException failure) =>
        failure.Status == 404 && failure.ErrorCode == BlobErrorCode.ContainerNotFound;

    /// <summary>Another lease holds the blob: Acquire Lease answered 409 <c>LeaseAlreadyPresent</c>.</summary>
    public static bool IsLeaseHeld(RequestFailedException failure) =>
        failure.Status == 409 && failure.ErrorCode == BlobErrorCode.LeaseAlreadyPresent;

    /// <summary>
    /// The service says a lease is not (or no longer) the caller's: 409 (another lease id, or no lease: released or
    /// broken), 412 (a lease condition failed) or 404 (the blob or container is gone).
    /// </summary>
    public static bool IsLeaseGone(RequestFailedException failure) => failure.Status is 404 or 409 or 412;

    /// <summary>The credential is refused or may not do this (e.g. a container SAS asked to create a container).</summary>
    public static bool IsForbidden(RequestFailedException failure) => failure.Status is 401 or 403;

    public static CheckpointConflictException Conflict(string path, RequestFailedException failure) =>
        new($"The checkpoint object '{path}' was written by another writer ({Describe(failure)}); nothing was written.", failure);

    /// <summary>
    /// A failure while reading a blob's body. The SDK resumes a dropped download with <c>If-Match</c> on the ETag it
    /// started with, so 412 (or 404) means the blob was replaced (or deleted) in between: its bytes are not one
    /// version's, a <see cref="CheckpointIntegrityException"/>.
    /// </summary>
    public static Exception ReadFailed(string path, string blobName, RequestFailedException failure) => failure.Status is 404 or 412
        ? new CheckpointIntegrityException($"The checkpoint object '{path}' was replaced or deleted while it was read ({Describe(failure)}).", path)
        : Failed("Reading", blobName, failure);

    /// <summary>The failure, with the operation and the blob it concerns in the message; status and error code kept.</summary>
    public static RequestFailedException Failed(string operation, string blobName, RequestFailedException failure) =>
        new(failure.Status, $"{operation} '{blobName}' failed: {Describe(failure)}.", failure.ErrorCode, failure);

    public static string Describe(RequestFailedException failure) => failure.Status == 0
        ? $"no response: {FirstLine(failure.Message)}"
        : failure.ErrorCode is null ? $"status {failure.Status}" : $"status {failure.Status} {failure.ErrorCode}";

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
