using System.Buffers.Binary;
using Grainflow.Streaming.Checksums;

namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// The layout of a stream sink's staged epoch: its appends in the order the sink made them, each a frame of the
/// partition (int32), the payload's length (int32) and CRC-32C (uint32), little-endian, then the payload.
/// </summary>
internal static class StagedEpochFile
{
    public const int FrameHeaderLength = 12;

    public static void WriteFrameHeader(Span<byte> header, int partition, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteInt32LittleEndian(header, partition);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Compute(payload));
    }

    /// <summary>Reads every frame of a staged epoch.</summary>
    /// <exception cref="InvalidDataException">The file is truncated or damaged: it was made durable before the checkpoint that lists it, so this is damage, not a crash.</exception>
    public static async Task<List<StagedChunk>> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        Parse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path);

    /// <summary>Parses every frame of a staged epoch named <paramref name="path"/> (for messages).</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated or damaged.</exception>
    public static List<StagedChunk> Parse(byte[] bytes, string path)
    {
        var chunks = new List<StagedChunk>();
        var position = 0;
        while (position < bytes.Length)
        {
            if (bytes.Length - position < FrameHeaderLength)
            {
                throw Damaged(path, position, "a frame header is cut short");
            }

            var header = bytes.AsSpan(position, FrameHeaderLength);
            var partition = BinaryPrimitives.ReadInt32LittleEndian(header);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
            if (partition < 0 || length < 0 || length > bytes.Length - position - FrameHeaderLength)
            {
                throw Damaged(path, position, "a frame header is invalid or its payload is cut short");
            }

            var payload = bytes.AsSpan(position + FrameHeaderLength, length);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != Crc32C.Compute(payload))
            {
                throw Damaged(path, position, "a payload's checksum does not match");
            }

            chunks.Add(new StagedChunk(partition, payload.ToArray()));
            position += FrameHeaderLength + length;
        }

        return chunks;
    }

    private static InvalidDataException Damaged(string path, int position, string problem) =>
        new($"The staged sink epoch '{path}' is damaged at byte {position}: {problem}. Restore the job from a savepoint or an "
            + "older checkpoint whose output this epoch is not part of.");
}
