using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
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
        var name = _names.ToBlobName(path);
        var blob = _container.GetBlobClient(name);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);

        // Checked before the upload as well as by the commit's condition, so a duplicate writer fails before
        // streaming a whole snapshot for nothing.
        if (await ExistsAsync(blob, cancellationToken).ConfigureAwait(false))
        {
            throw new CheckpointConflictException($"The checkpoint object '{path}' already exists.", path);
        }

        var writeId = NewWriteId();
        var options = UploadOptions(new BlobRequestConditions { IfNoneMatch = ETag.All }, writeId);
        if (await PipedBlobUpload.UploadAsync(blob, writeAsync, options, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            await ResolveFailedWriteAsync(blob, path, writeId, failure, cancellationToken).ConfigureAwait(false);
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
            return new StorageVersion(info.Value.ETag.ToString());
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            return await ResolveFailedWriteAsync(blob, path, writeId, failure, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Returns the blob's version if the failed write <paramref name="writeId"/> committed after all; otherwise throws
    /// <see cref="CheckpointConflictException"/> for a condition failure, or <paramref name="failure"/> with the blob named.
    /// </summary>
    private async ValueTask<StorageVersion> ResolveFailedWriteAsync(
        BlobClient blob,
        string path,
        string writeId,
        RequestFailedException failure,
        CancellationToken cancellationToken)
    {
        if (BlobCheckpointErrors.IsContainerMissing(failure))
        {
            _containerReady = false; // deleted under us: the next write creates it again
        }

        var conditionFailed = BlobCheckpointErrors.IsConditionFailure(failure);
        if (!conditionFailed && !BlobCheckpointErrors.IsOutcomeUnknown(failure))
        {
            throw BlobCheckpointErrors.Failed("Writing", Qualified(blob.Name), failure);
        }

        BlobProperties? properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } readBack)
        {
            if (!BlobCheckpointErrors.IsNotFound(readBack) && !conditionFailed)
            {
                // The store is still unreachable; the write's outcome stays unknown and the original failure is reported.
                LogWriteOutcomeUnknown(_logger, path, failure.Status, readBack.Status);
                throw BlobCheckpointErrors.Failed("Writing", Qualified(blob.Name), failure);
            }

            properties = null;
        }

        if (properties is not null
            && properties.Metadata.TryGetValue(WriteIdMetadataName, out var found)
            && found == writeId)
        {
            LogOwnWriteConfirmed(_logger, path, failure.Status);
            return new StorageVersion(properties.ETag.ToString());
        }

        throw conditionFailed
            ? BlobCheckpointErrors.Conflict(path, failure)
            : BlobCheckpointErrors.Failed("Writing", Qualified(blob.Name), failure);
    }

    private async ValueTask<bool> ExistsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            throw BlobCheckpointErrors.Failed("Checking", Qualified(blob.Name), failure);
        }
    }

    private BlobUploadOptions UploadOptions(BlobRequestConditions conditions, string writeId) => new()
    {
        Conditions = conditions,
        Metadata = new Dictionary<string, string> { [WriteIdMetadataName] = writeId },
        TransferOptions = _transferOptions,
    };

    private static string NewWriteId() => Guid.NewGuid().ToString("N");
}
