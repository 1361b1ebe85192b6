using Grainflow.Streaming.AzureBlob.Sinks;

namespace Grainflow.Streaming.AzureBlob.Tests.Sinks;

public sealed class BlobSinkNamingTests
{
    [Fact]
    public void BlobName_PrefixAndTaskAndEpoch_IsThePartFileNameUnderThePrefix()
    {
        var naming = new BlobSinkNaming("/wordcount/", "counts");

        Assert.Equal("wordcount/", naming.Prefix);
        Assert.Equal("wordcount/part-counts-3-17.txt", naming.BlobName(3, 17));
        Assert.Equal("part-counts-0-1.txt", new BlobSinkNaming(string.Empty, "counts").BlobName(0, 1));
    }

    [Theory]
    [InlineData("wordcount/part-counts-3-17.txt", true, 3, 17)]
    [InlineData("wordcount/part-counts-0-1.txt", true, 0, 1)]
    [InlineData("wordcount/part-counts-1-3.txt", true, 1, 3)]
    [InlineData("wordcount/part-counts-1-03.txt", false, 0, 0)] // one epoch has one name
    [InlineData("wordcount/part-counts-1-0.txt", false, 0, 0)]
    [InlineData("wordcount/part-counts-x-3.txt", false, 0, 0)]
    [InlineData("wordcount/part-counts-3.txt", false, 0, 0)]
    [InlineData("wordcount/part-counts-1-1-3.txt", false, 0, 0)] // sink "counts-1" is another sink
    [InlineData("other/part-counts-1-3.txt", false, 0, 0)]
    [InlineData("wordcount/_part-counts-1-3.pending", false, 0, 0)]
    public void TryParseBlobName_NamesOfThisSinkOnly(string name, bool parsed, int task, long epoch)
    {
        var naming = new BlobSinkNaming("wordcount", "counts");

        Assert.Equal(parsed, naming.TryParseBlobName(name, out var parsedTask, out var parsedEpoch));
        Assert.Equal((task, epoch), (parsedTask, parsedEpoch));
    }

    [Fact]
    public void TryParseBlobName_SinkWhoseIdExtendsAnother_IsNotTheOthers()
    {
        var longer = new BlobSinkNaming("p", "a-1");

        Assert.False(new BlobSinkNaming("p", "a").TryParseBlobName(longer.BlobName(2, 5), out _, out _));
        Assert.True(longer.TryParseBlobName(longer.BlobName(2, 5), out var task, out var epoch));
        Assert.Equal((2, 5L), (task, epoch));
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("a//b")]
    [InlineData("a\\b")]
    [InlineData("./a")]
    public void Constructor_BadPrefix_Throws(string prefix) =>
        Assert.Throws<ArgumentException>(() => new BlobSinkNaming(prefix, "counts"));

    [Fact]
    public void Constructor_BadSinkId_Throws() =>
        Assert.Throws<ArgumentException>(() => new BlobSinkNaming("p", "counts/x"));

    [Fact]
    public void BlockId_RoundTripsEpochTaskAttemptAndBlock_AtOneFixedLength()
    {
        var id = BlobSinkNaming.BlockId(long.MaxValue, 99_999, long.MaxValue, 49_999);
        var small = BlobSinkNaming.BlockId(1, 0, 1, 0);

        Assert.Equal(64, id.Length);
        Assert.Equal(id.Length, small.Length);
        Assert.True(BlobSinkNaming.TryParseBlockId(id, out var epoch, out var task, out var attempt, out var block));
        Assert.Equal((long.MaxValue, 99_999, long.MaxValue, 49_999), (epoch, task, attempt, block));
        Assert.True(BlobSinkNaming.TryParseBlockId(small, out epoch, out task, out attempt, out block));
        Assert.Equal((1L, 0, 1L, 0), (epoch, task, attempt, block));
    }

    [Fact]
    public void BlockId_OtherAttempt_DiffersFromEveryIdOfThisAttempt()
    {
        var mine = Enumerable.Range(0, 100).Select(b => BlobSinkNaming.BlockId(7, 1, 0x1234, b)).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(BlobSinkNaming.BlockId(7, 1, 0x1235, 0), mine);
        Assert.DoesNotContain(BlobSinkNaming.BlockId(8, 1, 0x1234, 0), mine);
        Assert.DoesNotContain(BlobSinkNaming.BlockId(7, 2, 0x1234, 0), mine);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, -1, 0)]
    [InlineData(1, 100_000, 0)]
    [InlineData(1, 0, 50_000)]
    public void BlockId_OutOfRange_Throws(long epoch, int task, int block) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BlobSinkNaming.BlockId(epoch, task, 1, block));

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("YWJj")]
    public void TryParseBlockId_NotOurs_IsFalse(string id) =>
        Assert.False(BlobSinkNaming.TryParseBlockId(id, out _, out _, out _, out _));

    [Fact]
    public void StagedBlob_Format_RoundTrips()
    {
        var staged = new StagedBlob("wordcount/part-counts-1-12.txt", 0x00ab_cdef_0123_4567, 3);

        Assert.Equal("wordcount/part-counts-1-12.txt;attempt=00abcdef01234567;blocks=3", staged.Format());
        Assert.True(StagedBlob.TryParse(staged.Format(), out var parsed));
        Assert.Equal(staged, parsed);
    }

    [Theory]
    [InlineData("wordcount/part-counts-1-12.txt")]
    [InlineData("wordcount/part-counts-1-12.txt;attempt=00abcdef01234567")]
    [InlineData("wordcount/part-counts-1-12.txt;attempt=00abcdef0123456;blocks=3")]
    [InlineData("wordcount/part-counts-1-12.txt;attempt=00abcdef01234567;blocks=0")]
    [InlineData("wordcount/part-counts-1-12.txt;attempt=00abcdef01234567;blocks=03")]
    [InlineData("wordcount/part-counts-1-12.txt;attempt=00abcdef01234567;blocks=50001")]
    [InlineData(";attempt=00abcdef01234567;blocks=3")]
    public void StagedBlob_TryParse_Malformed_IsFalse(string entry) =>
        Assert.False(StagedBlob.TryParse(entry, out _));
}
