using System.Buffers.Binary;
using Grainflow.Streaming.Checkpointing.Durability;
using Grainflow.Streaming.Checksums;

namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// A stream sink task's highest committed epoch: what it has appended to the provider's partitions. A job's next
/// checkpoint ids continue past it, so that a restarted or re-created job (a fresh checkpoint location, a savepoint)
/// never numbers new output below output it already appended, where the partitions would take it for a retry.
/// </summary>
/// <remarks>
/// Layout: the epoch (int64) and the CRC-32C of those 8 bytes, little-endian; replaced atomically (temp file, fsync,
/// rename, directory fsync).
/// </remarks>
internal static class CommittedEpochFile
{
    private const int Length = 12;

    /// <summary>Reads the mark; 0 when there is none.</summary>
    /// <exception cref="InvalidDataException">The mark is damaged.</exception>
    public static long Read(string path)
    {
        Span<byte> bytes = stackalloc byte[Length + 1];
        int read;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = RandomAccess.Read(handle, bytes, 0);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return 0;
        }

        if (read != Length || BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]) != Crc32C.Compute(bytes[..8]))
        {
            throw new InvalidDataException(
                $"The committed-epoch mark '{path}' is damaged. It only keeps new output numbered above old: delete it if the job's "
                + "checkpoint location is intact, since checkpoint ids then continue past every committed epoch anyway.");
        }

        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    /// <summary>Replaces the mark with <paramref name="epoch"/>, durably.</summary>
    public static void Write(string path, long epoch)
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, epoch);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[8..], Crc32C.Compute(bytes[..8]));
        var temp = path + ".tmp";
        using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, bytes, 0);
            RandomAccess.FlushToDisk(handle);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Sync(Path.GetDirectoryName(path)!);
    }
}
