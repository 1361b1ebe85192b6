using Grainflow.Streaming.KeyGroups;

namespace Grainflow.Streaming.Tests.KeyGroups;

public sealed class StableHashTests
{
    // Published MurmurHash3_x86_32 vectors for seed 0x9747b28c. The string hash reads UTF-16LE bytes, so a
    // string whose code units spell the ASCII bytes ("\u6261" is the bytes "ab") must give the published value.
    [Theory]
    [InlineData("", 0xEBB6C228)]
    [InlineData("\u6261", 0x74875592)]
    [InlineData("\u6161\u6161", 0x5A97808A)]
    [InlineData("\u6261\u6463", 0xF0478627)]
    public void Hash_Murmur3ReferenceVectors_Match(string value, uint expected) =>
        Assert.Equal(unchecked((int)expected), StableHash.Hash(value.AsSpan()));

    // Pinned (computed by an independent Murmur3 over the UTF-16LE / little-endian / Guid.ToByteArray bytes): key
    // groups are persisted in checkpoints, so these values must never change.
    [Theory]
    [InlineData("hello", -2131127109)]
    [InlineData("word42", 534741798)]
    [InlineData("Grainflow", 84115552)]
    public void Hash_String_IsPinned(string value, int expected) =>
        Assert.Equal(expected, StableHash.Hash(value.AsSpan()));

    [Theory]
    [InlineData(0L, 773692376)]
    [InlineData(42L, 1096171024)]
    [InlineData(-1L, 1971636267)]
    public void Hash_Long_IsPinned(long value, int expected) => Assert.Equal(expected, StableHash.Hash(value));

    [Fact]
    public void Hash_Guid_IsPinned() =>
        Assert.Equal(1959631496, StableHash.Hash(new Guid("00112233-4455-6677-8899-aabbccddeeff")));

    [Fact]
    public void For_StringAndIntKeys_UseStableHash()
    {
        Assert.Equal(StableHash.Hash("hello".AsSpan()), KeyHashers.For<string>().Hash("hello"));
        Assert.Equal(StableHash.Hash(42L), KeyHashers.For<int>().Hash(42));
        Assert.Equal(StableHash.Hash(42L), KeyHashers.For<long>().Hash(42L));
    }

    [Fact]
    public void For_KeyTypeWithoutStableHash_Throws() =>
        Assert.Throws<NotSupportedException>(() => KeyHashers.For<DateTime>());
}
