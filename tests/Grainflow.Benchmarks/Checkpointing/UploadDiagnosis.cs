using System.Diagnostics;
using System.Globalization;
using Grainflow.Storage.AzureBlob;
using Grainflow.Storage.AzureBlob.Models;

namespace Grainflow.Benchmarks.Checkpointing;

/// <summary>
/// <c>--diagnose</c>: where an upload's time goes. The same bytes as one Put Blob through the client, and as blocks
/// through the client from memory (no pipe, no hash), at several block sizes and parallelisms.
/// </summary>
internal static class UploadDiagnosis
{
    private const long MiB = 1024 * 1024;

    public static async Task RunAsync(BlobContainerClient container, long bytes, ReadOnlyMemory<byte> pattern)
    {
        var content = new byte[bytes];
        for (var offset = 0L; offset < bytes; offset += pattern.Length)
        {
            pattern.Span[..(int)Math.Min(pattern.Length, bytes - offset)].CopyTo(content.AsSpan((int)offset));
        }

        await TimeAsync(container, "client, one Put Blob", content, new BlobTransferOptions { SingleUploadThreshold = bytes }).ConfigureAwait(false);
        foreach (var (blockMiB, concurrency) in new[] { (4, 1), (4, 4), (8, 2), (16, 2), (32, 2) })
        {
            await TimeAsync(
                container,
                $"client, {blockMiB} MiB blocks x{concurrency}",
                content,
                new BlobTransferOptions { SingleUploadThreshold = 0, BlockSize = (int)(blockMiB * MiB), MaxConcurrency = concurrency }).ConfigureAwait(false);
        }
    }

    private static async Task TimeAsync(BlobContainerClient container, string what, byte[] content, BlobTransferOptions transfer)
    {
        var blob = container.GetBlobClient("diagnose-" + Guid.NewGuid().ToString("N"));
        var started = Stopwatch.GetTimestamp();
        await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions { TransferOptions = transfer }).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  diagnose: {what,-32} {content.Length / (double)MiB / elapsed.TotalSeconds,6:0} MiB/s"));
        await blob.DeleteIfExistsAsync().ConfigureAwait(false);
    }
}
