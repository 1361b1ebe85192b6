using System.Runtime.ExceptionServices;
using Azure;
using Grainflow.Storage.AzureBlob;
using Grainflow.Storage.AzureBlob.Models;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.AzureBlob;

// The two writes, and how a failed or conflicting write is checked against the blob before it is reported.
public sealed partial class BlobCheckpointStorage
{
    /// <inheritdoc/>
    public async ValueTask CreateAsync(
        string path,
        Func<Stream, CancellationToken, ValueTask> writeAsync,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writeAsync);
        var blob = _container.GetBlobClient(_names.ToBlobName(path));
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);

        // Checked before the upload as well as by the commit's condition, so a duplicate writer fails before
        // streaming a whole snapshot for nothing.
        if (await blob.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new CheckpointConflictException($"The checkpoint object '{path}' already exists.", path);
        }

        var writeId = NewWriteId();
        var options = UploadOptions(new BlobRequestConditions { IfNoneMatch = ETag.All }, writeId);
        try
        {
            await PipedBlobUpload.UploadAsync(blob, writeAsync, options, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobStorageException e)
        {
            await ResolveFailedWriteAsync(blob, path, writeId, e, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<StorageVersion> WriteConditionalAsync(
        string path,
        ReadOnlyMemory<byte> content,
        StorageVersion? expectedVersion,
        CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(_names.ToBlobName(path));
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var conditions = expectedVersion is null
            ? new BlobRequestConditions { IfNoneMatch = ETag.All }
            : new BlobRequestConditions { IfMatch = new ETag(expectedVersion.Value) };
        var writeId = NewWriteId();
        try
        {
            var info = await blob.UploadAsync(BinaryData.FromBytes(content), UploadOptions(conditions, writeId), cancellationToken)
                .ConfigureAwait(false);
            return new StorageVersion(info.ETag.ToString());
        }
        catch (BlobStorageException e)
        {
            return await ResolveFailedWriteAsync(blob, path, writeId, e, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Returns the blob's version if the failed write <paramref name="writeId"/> committed after all; otherwise throws
    /// <see cref="CheckpointConflictException"/> for a condition failure, or rethrows <paramref name="failure"/>.
    /// </summary>
    private async ValueTask<StorageVersion> ResolveFailedWriteAsync(
        BlobClient blob,
        string path,
        string writeId,
        BlobStorageException failure,
        CancellationToken cancellationToken)
    {
        if (BlobCheckpointErrors.IsContainerMissing(failure))
        {
            _containerReady = false; // deleted under us: the next write creates it again
        }

        var conditionFailed = BlobCheckpointErrors.IsConditionFailure(failure);
        if (!conditionFailed && !BlobCheckpointErrors.IsOutcomeUnknown(failure))
        {
            throw Rethrow(failure);
        }

        BlobProperties? properties;
        try
        {
            properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (BlobStorageException e) when (e.IsNotFound)
        {
            properties = null;
        }
        catch (BlobStorageException e) when (!conditionFailed)
        {
            // The store is still unreachable; the write's outcome stays unknown and the original failure is reported.
            LogWriteOutcomeUnknown(_logger, e, path, failure.Status);
            throw Rethrow(failure);
        }

        if (properties is not null
            && properties.Metadata.TryGetValue(WriteIdMetadataName, out var found)
            && found == writeId)
        {
            LogOwnWriteConfirmed(_logger, path, failure.Status);
            return new StorageVersion(properties.ETag.ToString());
        }

        throw conditionFailed ? BlobCheckpointErrors.Conflict(path, failure) : Rethrow(failure);
    }

    private BlobUploadOptions UploadOptions(BlobRequestConditions conditions, string writeId) => new()
    {
        Conditions = conditions,
        Metadata = new Dictionary<string, string> { [WriteIdMetadataName] = writeId },
        TransferOptions = _transferOptions,
    };

    // Keeps the client's stack trace; returns only so that call sites can say "throw".
    private static Exception Rethrow(Exception failure)
    {
        ExceptionDispatchInfo.Throw(failure);
        return failure;
    }

    private static string NewWriteId() => Guid.NewGuid().ToString("N");
}
