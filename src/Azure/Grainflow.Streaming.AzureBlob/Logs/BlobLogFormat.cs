using System.Buffers.Binary;
using Grainflow.Streaming.Checksums;
using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.AzureBlob.Logs;

/// <summary>
/// The byte layout of a blob log segment: frames only, one per record, each the payload length (int32), the CRC-32C
/// of the length bytes and the payload (uint32), little-endian, then the payload. A segment has no header: its blob
/// name carries its first offset (<see cref="BlobLogNames"/>).
/// </summary>
/// <remarks>
/// Every Append Block carries whole frames and the service applies it atomically, so unlike a file a segment never
/// ends in a torn frame: any frame that does not parse is damage.
/// </remarks>
internal static class BlobLogFormat
{
    public const int FrameHeaderLength = 8;

    public static void WriteFrame(Span<byte> destination, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Checksum(destination[..4], payload));
        payload.CopyTo(destination[FrameHeaderLength..]);
    }

    /// <summary>Parses the frame at the start of <paramref name="data"/>.</summary>
    /// <param name="data">Bytes from the start of a frame to the end of what was downloaded.</param>
    /// <param name="payloadLength">The length field, or -1 when <paramref name="data"/> does not hold it.</param>
    /// <param name="complete">Whether <paramref name="data"/> holds the whole frame.</param>
    /// <returns>Null for a whole, valid frame or one cut short by the end of <paramref name="data"/>; otherwise the damage found.</returns>
    public static string? ParseFrame(ReadOnlySpan<byte> data, out int payloadLength, out bool complete)
    {
        complete = false;
        payloadLength = -1;
        if (data.Length < FrameHeaderLength)
        {
            return null;
        }

        payloadLength = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (payloadLength is < 0 or > BlobLogOptions.MaxRecordLength)
        {
            return $"the record length field is invalid ({payloadLength})";
        }

        if (data.Length - FrameHeaderLength < payloadLength)
        {
            return null;
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (stored != Checksum(data[..4], data.Slice(FrameHeaderLength, payloadLength)))
        {
            return "the record checksum does not match";
        }

        complete = true;
        return null;
    }

    /// <summary>Counts the frames of a whole segment, validating each.</summary>
    /// <exception cref="LogCorruptedException">A frame is damaged or cut short.</exception>
    public static long CountFrames(ReadOnlySpan<byte> segment, string blobName, long stopAfter = long.MaxValue) =>
        Walk(segment, blobName, stopAfter).Count;

    /// <summary>Walks up to <paramref name="stopAfter"/> frames from the start of a whole segment.</summary>
    /// <returns>The frames walked and the byte position after them.</returns>
    /// <exception cref="LogCorruptedException">A frame is damaged or cut short.</exception>
    public static (long Count, int Position) Walk(ReadOnlySpan<byte> segment, string blobName, long stopAfter)
    {
        var position = 0;
        var count = 0L;
        while (count < stopAfter && position < segment.Length)
        {
            if (ParseFrame(segment[position..], out var length, out var complete) is { } problem)
            {
                throw new LogCorruptedException(blobName, position, problem);
            }

            if (!complete)
            {
                throw new LogCorruptedException(blobName, position, "the record frame is cut short (appends are whole frames, so this is damage)");
            }

            position += FrameHeaderLength + length;
            count++;
        }

        return (count, position);
    }

    // The length is covered too, so a damaged length is caught even when it happens to fit the blob.
    private static uint Checksum(ReadOnlySpan<byte> lengthBytes, ReadOnlySpan<byte> payload) =>
        Crc32C.Append(Crc32C.Compute(lengthBytes), payload);
}
