using System.Text;
using Grainflow.Streaming.Checksums;

namespace Grainflow.Streaming.Tests.Sources;

public sealed class Crc32CTests
{
    public static TheoryData<byte[], uint> KnownVectors()
    {
        // "123456789" is the standard check value; the 32-byte vectors are from RFC 3720, appendix B.4.
        var ascending = new byte[32];
        var descending = new byte[32];
        for (var i = 0; i < 32; i++)
        {
            ascending[i] = (byte)i;
            descending[i] = (byte)(31 - i);
        }

        return new TheoryData<byte[], uint>
        {
            { [], 0x00000000 },
            { Encoding.ASCII.GetBytes("123456789"), 0xE3069283 },
            { new byte[32], 0x8A9136AA },
            { Enumerable.Repeat((byte)0xFF, 32).ToArray(), 0x62A8AB43 },
            { ascending, 0x46DD794E },
            { descending, 0x113FDB5C },
        };
    }

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void Compute_KnownVector_ReturnsExpectedChecksum(byte[] data, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(data));
    }

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void SoftwareUpdate_KnownVector_ReturnsExpectedChecksum(byte[] data, uint expected)
    {
        Assert.Equal(expected, ~Crc32CSoftware.Update(uint.MaxValue, data));
    }

    [Fact]
    public void Compute_RandomBuffersAtEveryLengthAndAlignment_MatchesSoftwareTable()
    {
        var random = new Random(1234);
        var buffer = new byte[300];
        random.NextBytes(buffer);
        for (var start = 0; start < 8; start++)
        {
            for (var length = 0; length <= buffer.Length - start; length++)
            {
                var slice = buffer.AsSpan(start, length);
                Assert.Equal(~Crc32CSoftware.Update(uint.MaxValue, slice), Crc32C.Compute(slice));
            }
        }
    }

    [Fact]
    public void Append_DataSplitAtEveryPoint_EqualsComputeOfWhole()
    {
        var data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
        var whole = Crc32C.Compute(data);
        for (var split = 0; split <= data.Length; split++)
        {
            Assert.Equal(whole, Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }
}
