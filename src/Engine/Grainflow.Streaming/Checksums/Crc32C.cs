using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Grainflow.Streaming.Checksums;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of iSCSI, ext4 and Kafka record batches.
/// </summary>
/// <remarks>
/// Uses the SSE4.2 or Arm CRC32 instructions when the CPU has them and a slicing-by-8 table otherwise; both give
/// identical results. All members are thread-safe.
/// </remarks>
public static class Crc32C
{
    /// <summary>Gets whether the checksum is computed with CPU instructions rather than the table.</summary>
    public static bool IsHardwareAccelerated => Sse42.IsSupported || Crc32.IsSupported;

    /// <summary>Computes the CRC-32C of <paramref name="data"/>.</summary>
    /// <returns>The checksum; 0 for empty input.</returns>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Continues a checksum: <c>Append(Compute(a), b)</c> equals <c>Compute(a + b)</c>, so data that arrives in
    /// pieces can be checksummed without being joined.
    /// </summary>
    /// <param name="crc">A value returned by <see cref="Compute"/> or <see cref="Append"/> (0 to start).</param>
    /// <param name="data">The bytes that follow the data <paramref name="crc"/> covers.</param>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => ~Update(~crc, data);

    private static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            return UpdateSse42X64(state, data);
        }

        if (Crc32.Arm64.IsSupported)
        {
            return UpdateArm64(state, data);
        }

        if (Sse42.IsSupported)
        {
            return UpdateSse42(state, data);
        }

        if (Crc32.IsSupported)
        {
            return UpdateArm(state, data);
        }

        return Crc32CSoftware.Update(state, data);
    }

    private static uint UpdateSse42X64(uint state, ReadOnlySpan<byte> data)
    {
        ulong crc = state;
        while (data.Length >= sizeof(ulong))
        {
            crc = Sse42.X64.Crc32(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        var result = (uint)crc;
        foreach (var b in data)
        {
            result = Sse42.Crc32(result, b);
        }

        return result;
    }

    private static uint UpdateSse42(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= sizeof(uint))
        {
            state = Sse42.Crc32(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[sizeof(uint)..];
        }

        foreach (var b in data)
        {
            state = Sse42.Crc32(state, b);
        }

        return state;
    }

    private static uint UpdateArm64(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= sizeof(ulong))
        {
            state = Crc32.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (var b in data)
        {
            state = Crc32.ComputeCrc32C(state, b);
        }

        return state;
    }

    private static uint UpdateArm(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= sizeof(uint))
        {
            state = Crc32.ComputeCrc32C(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[sizeof(uint)..];
        }

        foreach (var b in data)
        {
            state = Crc32.ComputeCrc32C(state, b);
        }

        return state;
    }
}
