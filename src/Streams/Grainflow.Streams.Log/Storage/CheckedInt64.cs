using System.Buffers.Binary;
using Grainflow.Streaming.Checksums;

namespace Grainflow.Streams.Log.Storage;

/// <summary>
/// The 12-byte encoding of the provider's marks (delivery marks, committed epochs) as objects: the value (int64) and
/// the CRC-32C of those 8 bytes, little-endian, as their files on disk hold them.
/// </summary>
internal static class CheckedInt64
{
    public const int Length = 12;

    public static byte[] Encode(long value)
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), Crc32C.Compute(bytes.AsSpan(0, 8)));
        return bytes;
    }

    /// <summary>The value, or null when the bytes are not a valid encoding.</summary>
    public static long? TryDecode(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length && BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]) == Crc32C.Compute(bytes[..8])
            ? BinaryPrimitives.ReadInt64LittleEndian(bytes)
            : null;
}
