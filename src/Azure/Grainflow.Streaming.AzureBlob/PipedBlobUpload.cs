using System.IO.Pipelines;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>
/// Uploads what a callback writes while it writes, through a bounded pipe, so a snapshot is never held whole in
/// memory. <see cref="BlobClient.UploadAsync(Stream, BlobUploadOptions, CancellationToken)"/> reads the pipe as a
/// stream of unknown length: one Put Blob if it ends within the initial transfer size, else blocks staged as they fill
/// and one Put Block List after the stream ended. A callback that throws fails the pipe's reader, so the SDK stops
/// before that commit and nothing becomes visible.
/// </summary>
internal static class PipedBlobUpload
{
    /// <summary>Uploads what <paramref name="writeAsync"/> writes.</summary>
    /// <returns>Null once the blob is committed, or the upload's failure as <see cref="BlobCheckpointErrors"/> classifies
    /// it. The callback's own exceptions, and the caller's cancellation, are thrown as they are: a snapshot writer's
    /// <see cref="IOException"/> or storage failure is not this upload's.</returns>
    public static async Task<RequestFailedException?> UploadAsync(
        BlobClient blob,
        Func<Stream, CancellationToken, ValueTask> writeAsync,
        BlobUploadOptions options,
        CancellationToken cancellationToken)
    {
        // The writer may run ahead by one round of parallel blocks, no more: the SDK buffers as much itself. A smaller
        // window made writer and uploader hand over every few hundred KiB, and on a busy machine each hand-over waits
        // for a time slice.
        var window = Window(options.TransferOptions);
        var pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: window,
            resumeWriterThreshold: window / 2,
            minimumSegmentSize: 64 * 1024,
            useSynchronizationContext: false));
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var upload = UploadFromPipeAsync(blob, pipe.Reader, options, abort, cancellationToken);
        try
        {
            var writer = pipe.Writer.AsStream(leaveOpen: true);
            await writeAsync(writer, abort.Token).ConfigureAwait(false);
            await writer.FlushAsync(abort.Token).ConfigureAwait(false);
            await pipe.Writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception writerFailure)
        {
            await pipe.Writer.CompleteAsync(writerFailure).ConfigureAwait(false);
            await abort.CancelAsync().ConfigureAwait(false);
            RequestFailedException? uploadFailure = null;
            try
            {
                uploadFailure = await upload.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The upload stopped because the writer did; the writer's exception is the one to report.
            }

            if (writerFailure is OperationCanceledException && !cancellationToken.IsCancellationRequested && uploadFailure is not null)
            {
                // The writer was only cancelled because the upload had failed: the upload's failure is the cause.
                return uploadFailure;
            }

            throw;
        }

        return await upload.ConfigureAwait(false);
    }

    private static long Window(StorageTransferOptions transfer)
    {
        var blockSize = transfer.MaximumTransferSize ?? BlobCheckpointStorage.DefaultTransferOptions.MaximumTransferSize!.Value;
        var concurrency = transfer.MaximumConcurrency ?? BlobCheckpointStorage.DefaultTransferOptions.MaximumConcurrency!.Value;
        return Math.Max(blockSize * concurrency, 64 * 1024);
    }

    private static async Task<RequestFailedException?> UploadFromPipeAsync(
        BlobClient blob,
        PipeReader reader,
        BlobUploadOptions options,
        CancellationTokenSource abort,
        CancellationToken cancellationToken)
    {
        var stream = reader.AsStream(leaveOpen: true);
        try
        {
            await blob.UploadAsync(stream, options, abort.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception e)
        {
            // Stops a writer that is blocked on a full pipe or still producing bytes nobody will send.
            await abort.CancelAsync().ConfigureAwait(false);
            if (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
            {
                return failure;
            }

            throw;
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }
}
