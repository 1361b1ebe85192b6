using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using Grainflow.Storage.AzureBlob;
using Grainflow.Storage.AzureBlob.Models;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>
/// Uploads what a callback writes while it writes, through a bounded pipe, so a snapshot is never held whole in
/// memory. The uploader stages blocks as they fill and commits only after the callback returned: a callback that
/// throws fails the pipe's reader, the uploader stops before Put Blob / Put Block List, and nothing becomes visible.
/// </summary>
internal static class PipedBlobUpload
{
    // The writer may run ahead by one round of parallel blocks (16 MiB with the default 4 MiB x 4), no more. A smaller
    // window made writer and uploader hand over every few hundred KiB; on a busy machine each hand-over waits for a
    // time slice, and the upload ran at the speed of one block in flight (a third of the raw Put Blob speed on Azurite).
    private static readonly BlobTransferOptions s_defaultTransfer = new();

    public static async Task<BlobContentInfo> UploadAsync(
        BlobClient blob,
        Func<Stream, CancellationToken, ValueTask> writeAsync,
        BlobUploadOptions options,
        CancellationToken cancellationToken)
    {
        var transfer = options.TransferOptions ?? s_defaultTransfer;
        var window = (long)transfer.BlockSize * transfer.MaxConcurrency;
        var pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: window,
            resumeWriterThreshold: window / 2,
            minimumSegmentSize: 64 * 1024,
            useSynchronizationContext: false));
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var upload = UploadFromPipeAsync(blob, pipe.Reader, options, abort);
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
            try
            {
                await upload.ConfigureAwait(false);
            }
            catch (Exception uploadFailure) when (writerFailure is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The writer was only cancelled because the upload had failed: the upload's failure is the cause.
                ExceptionDispatchInfo.Throw(uploadFailure);
            }
            catch (Exception)
            {
                // The upload failed because the writer did; the writer's exception is the one to report.
            }

            throw;
        }

        return await upload.ConfigureAwait(false);
    }

    private static async Task<BlobContentInfo> UploadFromPipeAsync(
        BlobClient blob,
        PipeReader reader,
        BlobUploadOptions options,
        CancellationTokenSource abort)
    {
        var stream = reader.AsStream(leaveOpen: true);
        try
        {
            return await blob.UploadAsync(stream, options, abort.Token).ConfigureAwait(false);
        }
        catch
        {
            // Stops a writer that is blocked on a full pipe or still producing bytes nobody will send.
            await abort.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }
}
