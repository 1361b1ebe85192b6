using System.Buffers.Binary;
using Grainflow.Streaming.Checksums;

namespace Grainflow.Streaming.Sources;

/// <summary>
/// The byte layout of a segment file, version 1, all integers little-endian:
/// a 16-byte header (magic "GFSL", version, base offset as int64), then one frame per record:
/// payload length (int32), CRC-32C of the length bytes and the payload (uint32), payload.
/// </summary>
internal static class SegmentFormat
{
    public const int HeaderLength = 16;
    public const int FrameHeaderLength = 8;

    // Bounds what a damaged length field can make a reader allocate; far above any sensible stream record.
    public const int MaxRecordLength = 64 * 1024 * 1024;

    private const uint Magic = 0x4C534647; // "GFSL" read as little-endian
    private const int Version = 1;

    public static void WriteHeader(Span<byte> destination, long baseOffset)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], Version);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], baseOffset);
    }

    /// <summary>Returns null when the header is valid for a segment with this base offset, else the problem.</summary>
    public static string? ValidateHeader(ReadOnlySpan<byte> header, long expectedBaseOffset)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
        {
            return "the segment header does not start with the magic number (not a segment file)";
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (version != Version)
        {
            return $"the segment format version is {version}; this build reads version {Version}";
        }

        var baseOffset = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        return baseOffset == expectedBaseOffset
            ? null
            : $"the segment header says base offset {baseOffset} but the file name says {expectedBaseOffset}";
    }

    public static void WriteFrameHeader(Span<byte> destination, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Checksum(destination[..4], payload));
    }

    /// <summary>Parses the frame at the start of <paramref name="data"/>.</summary>
    /// <param name="data">Bytes from the start of a frame to the end of the known data.</param>
    /// <param name="payloadLength">The length field, or -1 when <paramref name="data"/> does not hold it.</param>
    public static FrameStatus ParseFrame(ReadOnlySpan<byte> data, out int payloadLength)
    {
        if (data.Length < FrameHeaderLength)
        {
            payloadLength = -1;
            return FrameStatus.Incomplete;
        }

        payloadLength = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (payloadLength is < 0 or > MaxRecordLength)
        {
            return FrameStatus.InvalidLength;
        }

        if (data.Length - FrameHeaderLength < payloadLength)
        {
            return FrameStatus.Incomplete;
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        var payload = data.Slice(FrameHeaderLength, payloadLength);
        return stored == Checksum(data[..4], payload) ? FrameStatus.Complete : FrameStatus.ChecksumMismatch;
    }

    public static string Describe(FrameStatus status) => status switch
    {
        FrameStatus.Incomplete => "the record frame is incomplete",
        FrameStatus.InvalidLength => "the record length field is invalid",
        FrameStatus.ChecksumMismatch => "the record checksum does not match",
        _ => status.ToString(),
    };

    // The length is covered too, so a damaged length is caught even when it happens to fit the file.
    private static uint Checksum(ReadOnlySpan<byte> lengthBytes, ReadOnlySpan<byte> payload) =>
        Crc32C.Append(Crc32C.Compute(lengthBytes), payload);
}
