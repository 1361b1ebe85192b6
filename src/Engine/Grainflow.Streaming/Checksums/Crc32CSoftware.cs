using System.Buffers.Binary;

namespace Grainflow.Streaming.Checksums;

/// <summary>
/// The table-driven CRC-32C (slicing-by-8) used when the CPU has no CRC32 instruction. Works on the raw register:
/// the caller applies the initial and final inversion.
/// </summary>
internal static class Crc32CSoftware
{
    private const uint Polynomial = 0x82F63B78; // Castagnoli, bit-reflected
    private const int Slices = 8;

    // Slice k holds the CRC of a byte followed by k zero bytes, so eight input bytes fold in with eight lookups.
    private static readonly uint[] s_table = BuildTable();

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var table = s_table;
        while (data.Length >= Slices)
        {
            var low = crc ^ BinaryPrimitives.ReadUInt32LittleEndian(data);
            var high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = table[(7 * 256) + (low & 0xFF)]
                ^ table[(6 * 256) + ((low >> 8) & 0xFF)]
                ^ table[(5 * 256) + ((low >> 16) & 0xFF)]
                ^ table[(4 * 256) + (low >> 24)]
                ^ table[(3 * 256) + (high & 0xFF)]
                ^ table[(2 * 256) + ((high >> 8) & 0xFF)]
                ^ table[256 + ((high >> 16) & 0xFF)]
                ^ table[high >> 24];
            data = data[Slices..];
        }

        foreach (var b in data)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[Slices * 256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }

            table[i] = crc;
        }

        for (var slice = 1; slice < Slices; slice++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = table[((slice - 1) * 256) + i];
                table[(slice * 256) + i] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }

        return table;
    }
}
