using Grainflow.Storage.AzureBlob;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>The one place where a blob failure of a checkpoint write is classified.</summary>
internal static class BlobCheckpointErrors
{
    /// <summary>
    /// A condition of the write did not hold: 409 from <c>If-None-Match: *</c> on an existing blob, 412 from a stale
    /// <c>If-Match</c>, or 404 <c>BlobNotFound</c> from <c>If-Match</c> on a blob that is gone.
    /// </summary>
    public static bool IsConditionFailure(BlobStorageException exception) =>
        exception.IsConflict || exception.IsPreconditionFailed || (exception.IsNotFound && exception.ErrorCode == "BlobNotFound");

    /// <summary>
    /// The request may or may not have been applied: no response arrived (status 0), or the server failed or timed out
    /// after it may have committed (500, 503, 504, 408). 429 and 4xx answers are given before anything is applied.
    /// </summary>
    public static bool IsOutcomeUnknown(BlobStorageException exception) =>
        exception.Status is 0 or 408 or 500 or 503 or 504;

    /// <summary>The container was deleted after this instance created it.</summary>
    public static bool IsContainerMissing(BlobStorageException exception) =>
        exception.IsNotFound && exception.ErrorCode == "ContainerNotFound";

    /// <summary>The credential may not create containers (a container SAS, or a role limited to blobs).</summary>
    public static bool IsForbidden(BlobStorageException exception) => exception.Status == 403;

    public static CheckpointConflictException Conflict(string path, BlobStorageException exception) =>
        new($"The checkpoint object '{path}' was written by another writer ({exception.Status} {exception.ErrorCode}); nothing was written.", path);
}
