using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Grainflow.Streaming.Sources;

/// <summary>
/// Walks the frames of a segment file, verifying each checksum, without handing out payloads: used to recover a
/// writer's tail, to position a reader at an offset and to count a partition's records.
/// </summary>
internal static class SegmentScanner
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Passes up to <paramref name="maxRecords"/> valid frames starting at <paramref name="position"/>.</summary>
    public static async ValueTask<SegmentScanResult> ScanAsync(
        SafeFileHandle handle, long position, long maxRecords, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long count = 0;
            var bufferPosition = position; // file position of buffer[0]
            var start = 0;
            var end = 0;
            while (count < maxRecords)
            {
                var status = SegmentFormat.ParseFrame(buffer.AsSpan(start, end - start), out var payloadLength);
                if (status == FrameStatus.Complete)
                {
                    start += SegmentFormat.FrameHeaderLength + payloadLength;
                    count++;
                    continue;
                }

                if (status != FrameStatus.Incomplete)
                {
                    return new SegmentScanResult(count, bufferPosition + start, status);
                }

                bufferPosition += start;
                var pending = end - start;
                var needed = payloadLength < 0 ? SegmentFormat.FrameHeaderLength : SegmentFormat.FrameHeaderLength + payloadLength;
                if (needed > buffer.Length)
                {
                    // Only grow for a frame the file can actually hold: a torn length field must not cost 64 MiB.
                    if (bufferPosition + needed > RandomAccess.GetLength(handle))
                    {
                        return new SegmentScanResult(count, bufferPosition, FrameStatus.Incomplete);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(needed);
                    buffer.AsSpan(start, pending).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                else
                {
                    buffer.AsSpan(start, pending).CopyTo(buffer);
                }

                start = 0;
                end = pending;
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(end), bufferPosition + end, cancellationToken)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    return new SegmentScanResult(count, bufferPosition, FrameStatus.Incomplete);
                }

                end += read;
            }

            return new SegmentScanResult(count, bufferPosition + start, FrameStatus.Complete);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
