using System.Buffers.Binary;
using System.Globalization;
using Grainflow.Streaming.Checkpointing.Durability;
using Grainflow.Streaming.Checksums;

namespace Grainflow.Streams.Log.Storage;

/// <summary>
/// A partition's delivery mark: the offset before which every record was delivered to all of its consumers (the
/// queue cache purged it). A pulling agent that takes the partition over, after a rebalance or a crash, starts
/// there, so records after it are delivered again (at least once), and none before it are lost.
/// </summary>
/// <remarks>
/// Layout: the offset (int64) and the CRC-32C of those 8 bytes, little-endian; replaced atomically (temp file,
/// fsync, rename, directory fsync). A damaged mark reads as none: delivery restarts from the first retained
/// record, which repeats records but loses none.
/// </remarks>
internal static class DeliveryMarkFile
{
    private const int Length = 12;

    public static long? Read(string directory, int partition)
    {
        var path = PathOf(directory, partition);
        Span<byte> bytes = stackalloc byte[Length + 1];
        int read;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = RandomAccess.Read(handle, bytes, 0);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        if (read != Length || BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]) != Crc32C.Compute(bytes[..8]))
        {
            return null;
        }

        var offset = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        return offset >= 0 ? offset : null;
    }

    public static void Write(string directory, int partition, long offset)
    {
        Directory.CreateDirectory(directory);
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, offset);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[8..], Crc32C.Compute(bytes[..8]));
        var path = PathOf(directory, partition);
        var temp = path + ".tmp";
        using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, bytes, 0);
            RandomAccess.FlushToDisk(handle);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Sync(directory);
    }

    private static string PathOf(string directory, int partition) =>
        Path.Combine(directory, "partition-" + partition.ToString("D4", CultureInfo.InvariantCulture) + ".mark");
}
