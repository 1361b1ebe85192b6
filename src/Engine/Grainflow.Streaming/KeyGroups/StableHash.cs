using System.Numerics;
using System.Runtime.InteropServices;

namespace Grainflow.Streaming.KeyGroups;

/// <summary>
/// A hash that is the same in every process, on every machine and in every .NET version (Murmur3, 32-bit),
/// because key groups are persisted in checkpoints. <c>string.GetHashCode</c> is randomized per process and
/// must never decide a key group.
/// </summary>
public static class StableHash
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;
    private const uint Seed = 0x9747b28c;

    /// <summary>Hashes the UTF-16 code units of <paramref name="value"/>.</summary>
    public static int Hash(ReadOnlySpan<char> value)
    {
        var bytes = MemoryMarshal.AsBytes(value);
        var hash = Seed;
        var blocks = MemoryMarshal.Cast<byte, uint>(bytes);
        foreach (var block in blocks)
        {
            hash = MixHash(hash, MixBlock(BitConverter.IsLittleEndian ? block : BinaryPrimitivesReverse(block)));
        }

        var tail = bytes[(blocks.Length * 4)..];
        if (tail.Length > 0)
        {
            uint last = tail[0];
            if (tail.Length > 1)
            {
                last |= (uint)tail[1] << 8;
            }

            if (tail.Length > 2)
            {
                last |= (uint)tail[2] << 16;
            }

            hash ^= MixBlock(last);
        }

        return (int)Finalize(hash, (uint)bytes.Length);
    }

    /// <summary>Hashes a 64-bit value.</summary>
    public static int Hash(long value)
    {
        var hash = MixHash(Seed, MixBlock((uint)value));
        hash = MixHash(hash, MixBlock((uint)(value >> 32)));
        return (int)Finalize(hash, 8);
    }

    /// <summary>Hashes a Guid by its bytes.</summary>
    public static int Hash(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        var hash = Seed;
        foreach (var block in MemoryMarshal.Cast<byte, uint>(bytes))
        {
            hash = MixHash(hash, MixBlock(block));
        }

        return (int)Finalize(hash, 16);
    }

    private static uint BinaryPrimitivesReverse(uint value) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value);

    private static uint MixBlock(uint block) => BitOperations.RotateLeft(block * C1, 15) * C2;

    private static uint MixHash(uint hash, uint block) => (BitOperations.RotateLeft(hash ^ block, 13) * 5) + 0xe6546b64;

    private static uint Finalize(uint hash, uint length)
    {
        hash ^= length;
        hash ^= hash >> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >> 16;
        return hash;
    }
}
