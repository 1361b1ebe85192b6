using System.Buffers.Binary;
using Grainflow.Streaming.Checkpointing.Durability;
using Grainflow.Streaming.Checksums;

namespace Grainflow.Streaming.Sources;

/// <summary>
/// A partition's durable high-water mark: the offset after the last record the writer has fsynced. Readers hand out
/// records below it only, so no checkpoint can record a source offset that a power loss could take back.
/// </summary>
/// <remarks>
/// Layout, version 1, little-endian, 20 bytes: magic "GFDM", version (int32), next durable offset (int64), CRC-32C
/// of the preceding 16 bytes. The file is replaced atomically (temp file, fsync, rename, directory fsync), so a crash
/// leaves the old or the new mark, never a torn one: a bad checksum means damaged storage, not an interrupted write.
/// Only the partition's writer (holding the lock file) writes it.
/// </remarks>
internal static class DurableMarkFile
{
    private const int Length = 20;
    private const int ChecksummedLength = 16;
    private const uint Magic = 0x4D444647; // "GFDM" read as little-endian
    private const int Version = 1;

    /// <summary>Gets whether the partition has a mark (a log last written by an older build has none).</summary>
    public static bool Exists(string partitionDirectory) => File.Exists(SegmentFiles.DurableMarkPath(partitionDirectory));

    /// <summary>Reads the mark.</summary>
    /// <returns>The durable end offset, or null when the partition has no mark.</returns>
    /// <exception cref="LogCorruptedException">The mark file is damaged.</exception>
    public static long? Read(string partitionDirectory)
    {
        var path = SegmentFiles.DurableMarkPath(partitionDirectory);
        if (!File.Exists(path))
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[Length + 1];
        int read;
        try
        {
            // Renames replace the file while we may hold it open; sharing Delete keeps that possible on Windows.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = RandomAccess.Read(handle, bytes, 0);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        if (Validate(bytes[..read]) is { } problem)
        {
            throw new LogCorruptedException(path, 0, problem
                + "; opening the partition's writer re-establishes the mark from the records it finds durable");
        }

        return BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
    }

    /// <summary>
    /// Publishes <paramref name="nextOffset"/> as the durable end. Call only after the records below it are fsynced.
    /// The directory fsync also makes a segment file created since the last mark durable (they share the directory).
    /// </summary>
    public static void Write(string partitionDirectory, long nextOffset)
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[4..], Version);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], nextOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[ChecksummedLength..], Crc32C.Compute(bytes[..ChecksummedLength]));

        var temp = SegmentFiles.DurableMarkTempPath(partitionDirectory);
        using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, bytes, 0);
            RandomAccess.FlushToDisk(handle);
        }

        File.Move(temp, SegmentFiles.DurableMarkPath(partitionDirectory), overwrite: true);
        DirectorySync.Sync(partitionDirectory);
    }

    private static string? Validate(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            return bytes.Length > Length
                ? $"the durable mark file is longer than {Length} bytes"
                : $"the durable mark file holds {bytes.Length} bytes; expected {Length}";
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            return "the durable mark file does not start with the magic number";
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (version != Version)
        {
            return $"the durable mark format version is {version}; this build reads version {Version}";
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes[ChecksummedLength..]) != Crc32C.Compute(bytes[..ChecksummedLength]))
        {
            return "the durable mark checksum does not match";
        }

        return BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]) < 0 ? "the durable mark offset is negative" : null;
    }
}
