using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

public sealed class StateChecksumTests
{
    [Theory]
    [InlineData("crc32c:0123abcd", true)]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("crc32c:0123abc", false)]
    [InlineData("crc32c:0123abcde", false)]
    [InlineData("sha256:0123abcd", false)]
    [InlineData("md5:0123456789abcdef0123456789abcdef", false)]
    [InlineData("CRC32C:0123abcd", false)]
    [InlineData("", false)]
    public void IsSupported_RecordedChecksum_TrueExactlyWhenToVerifyGivesAChecksum(string recorded, bool supported)
    {
        using var checksum = StateChecksum.ToVerify(recorded);

        Assert.Equal((supported, supported), (StateChecksum.IsSupported(recorded), checksum is not null));
    }

    [Fact]
    public void ToVerify_ChecksumOfANewFile_MatchesWhatTheNewFileRecorded()
    {
        byte[] bytes = [1, 2, 3, 4, 5];
        using var written = StateChecksum.ForNewFile();
        written.Append(bytes);
        var recorded = written.Complete();

        using var verifier = StateChecksum.ToVerify(recorded);
        verifier!.Append(bytes);

        Assert.True(verifier.Matches(recorded, out var actual), actual);
    }
}
