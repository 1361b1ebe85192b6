using Grainflow.Streaming.Sinks;
using Grainflow.Streaming.Tests.Sources;

namespace Grainflow.Streaming.Tests.Sinks;

public sealed class TransactionalFileSinkWriterTests : IDisposable
{
    private const string SinkId = "wordcount-sink";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task PreCommitAsync_LinesWritten_ReturnsStagedFileAndKeepsLinesInvisible()
    {
        await using var writer = Open();
        writer.WriteLine("a");
        writer.WriteLine("b");

        var record = await writer.PreCommitAsync(1);

        Assert.Equal(SinkId, record.SinkId);
        Assert.Equal(1, record.Epoch);
        Assert.Equal(["_part-wordcount-sink-2-1.pending"], record.PendingFiles);
        Assert.Equal(["_part-wordcount-sink-2-1.pending"], SinkOutput.FileNames(_directory.Path));
        Assert.Empty(await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task CommitAsync_AfterPreCommit_MakesLinesVisibleExactlyOnce()
    {
        await using var writer = Open();
        writer.WriteLine("a");
        writer.Write("b".AsSpan());
        writer.WriteLine("");
        await writer.PreCommitAsync(1);

        await writer.CommitAsync(1);
        await writer.CommitAsync(1);

        Assert.Equal(["part-wordcount-sink-2-1.txt"], SinkOutput.FileNames(_directory.Path));
        Assert.Equal(["a", "b", ""], await SinkOutput.ReadCommittedAsync(_directory.Path));
        Assert.Equal("a\nb\n\n", await File.ReadAllTextAsync(_directory.Combine("part-wordcount-sink-2-1.txt")));
    }

    [Fact]
    public async Task Write_AfterPreCommit_GoesToNextEpoch()
    {
        await using var writer = Open();
        writer.WriteLine("first");
        await writer.PreCommitAsync(1);
        writer.WriteLine("second");

        await writer.CommitAsync(1);
        var afterFirstCommit = await SinkOutput.ReadCommittedAsync(_directory.Path);
        await writer.PreCommitAsync(2);
        await writer.CommitAsync(2);

        Assert.Equal(["first"], afterFirstCommit);
        Assert.Equal("first\n", await File.ReadAllTextAsync(_directory.Combine("part-wordcount-sink-2-1.txt")));
        Assert.Equal("second\n", await File.ReadAllTextAsync(_directory.Combine("part-wordcount-sink-2-2.txt")));
        Assert.Equal(["part-wordcount-sink-2-1.txt", "part-wordcount-sink-2-2.txt"], SinkOutput.FileNames(_directory.Path));
    }

    [Fact]
    public async Task PreCommitAsync_EpochWithoutRecords_ProducesNoFile()
    {
        await using var writer = Open();

        var record = await writer.PreCommitAsync(1);
        await writer.CommitAsync(1);

        Assert.Empty(record.PendingFiles);
        Assert.Empty(SinkOutput.FileNames(_directory.Path));
    }

    [Fact]
    public async Task PreCommitAsync_EarlierEpochNotCommitted_ListsItToo()
    {
        await using var writer = Open();
        writer.WriteLine("a");
        await writer.PreCommitAsync(1);
        writer.WriteLine("b");

        var record = await writer.PreCommitAsync(3);

        Assert.Equal(3, record.Epoch);
        Assert.Equal(["_part-wordcount-sink-2-1.pending", "_part-wordcount-sink-2-3.pending"], record.PendingFiles);
    }

    [Fact]
    public async Task CommitAsync_OlderCheckpoint_CommitsOnlyEpochsItCovers()
    {
        await using var writer = Open();
        writer.WriteLine("a");
        await writer.PreCommitAsync(1);
        writer.WriteLine("b");
        await writer.PreCommitAsync(2);

        await writer.CommitAsync(1);

        Assert.Equal(["a"], await SinkOutput.ReadCommittedAsync(_directory.Path));
        Assert.Equal(["_part-wordcount-sink-2-2.pending"], (await writer.PreCommitAsync(3)).PendingFiles);
    }

    [Fact]
    public async Task CommitAsync_AlreadyRenamedByRecovery_SucceedsWithoutChange()
    {
        await using var writer = Open();
        writer.WriteLine("a");
        await writer.PreCommitAsync(1);
        File.Move(_directory.Combine("_part-wordcount-sink-2-1.pending"), _directory.Combine("part-wordcount-sink-2-1.txt"));

        await writer.CommitAsync(1);

        Assert.Equal(["part-wordcount-sink-2-1.txt"], SinkOutput.FileNames(_directory.Path));
        Assert.Equal(["a"], await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task CommitAsync_StagedFileOfThisRunDeletedBeforeItsCommit_ThrowsFileNotFound()
    {
        // Unlike recovery, the running writer staged the file itself and never committed it: nobody consumed it.
        await using var writer = Open();
        writer.WriteLine("a");
        await writer.PreCommitAsync(1);
        File.Delete(_directory.Combine("_part-wordcount-sink-2-1.pending"));

        var exception = await Assert.ThrowsAsync<FileNotFoundException>(async () => await writer.CommitAsync(1));

        Assert.Equal(_directory.Combine("_part-wordcount-sink-2-1.pending"), exception.FileName);
        Assert.Empty(SinkOutput.FileNames(_directory.Path));
    }

    [Fact]
    public async Task CommitAsync_CommittedFileReplacedByOtherContent_ThrowsIOException()
    {
        await using var writer = Open();
        writer.WriteLine("a");
        await writer.PreCommitAsync(1);
        File.Delete(_directory.Combine("_part-wordcount-sink-2-1.pending"));
        await File.WriteAllTextAsync(_directory.Combine("part-wordcount-sink-2-1.txt"), "other\n");

        var exception = await Assert.ThrowsAsync<IOException>(async () => await writer.CommitAsync(1));

        Assert.Contains("has 6 bytes, not the 2 staged", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbortAsync_CurrentEpoch_DiscardsItsRecordsOnly()
    {
        await using var writer = Open();
        writer.WriteLine("kept");
        await writer.PreCommitAsync(1);
        writer.WriteLine("discarded");

        await writer.AbortAsync();
        writer.WriteLine("after");
        await writer.PreCommitAsync(2);
        await writer.CommitAsync(2);

        Assert.Equal(["kept", "after"], await SinkOutput.ReadCommittedAsync(_directory.Path));
        Assert.Equal(["part-wordcount-sink-2-1.txt", "part-wordcount-sink-2-2.txt"], SinkOutput.FileNames(_directory.Path));
    }

    [Fact]
    public async Task Dispose_WithoutPreCommit_LeavesNothingVisible()
    {
        var writer = Open();
        writer.WriteLine("a");

        await writer.DisposeAsync();

        Assert.Empty(await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task Write_MultiByteAndLinesLongerThanBuffer_RoundTripExactly()
    {
        string[] lines = ["línea — €", "😀 emoji", new string('x', 100), string.Concat(Enumerable.Repeat("ü😀", 50)), ""];
        await using var writer = Open(bufferSize: 16);
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }

        await writer.PreCommitAsync(1);
        await writer.CommitAsync(1);

        Assert.Equal(lines, await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task Write_LoneSurrogate_WritesReplacementCharacter()
    {
        await using var writer = Open();
        writer.Write(['a', '\uD800', 'b']);
        await writer.PreCommitAsync(1);
        await writer.CommitAsync(1);

        Assert.Equal(["a\uFFFDb"], await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public void Write_LineWithNewline_ThrowsArgumentException()
    {
        using var writer = Open();

        var exception = Assert.Throws<ArgumentException>(() => writer.WriteLine("a\nb"));

        Assert.Equal("line", exception.ParamName);
    }

    [Fact]
    public async Task PreCommitAsync_CheckpointIdNotIncreasing_ThrowsArgumentOutOfRange()
    {
        await using var writer = Open();
        await writer.PreCommitAsync(5);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await writer.PreCommitAsync(5));
    }

    [Fact]
    public void Open_DirectoryPathIsAFile_ThrowsSinkDirectoryUnavailableNamingIt()
    {
        var file = _directory.Combine("not-a-directory");
        File.WriteAllText(file, "x");
        var outputDirectory = Path.Combine(file, "out");

        var exception = Assert.Throws<SinkDirectoryUnavailableException>(() => TransactionalFileSinkWriter.Open(outputDirectory, SinkId, 0));

        Assert.Equal(outputDirectory, exception.DirectoryPath);
        Assert.StartsWith($"The sink output directory '{outputDirectory}' cannot be created", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Point the sink at a directory (not a file)", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("")]
    public void Open_SinkIdNotSafeInFileNames_ThrowsArgumentException(string sinkId)
    {
        Assert.ThrowsAny<ArgumentException>(() => TransactionalFileSinkWriter.Open(_directory.Path, sinkId, 0));
        Assert.Empty(SinkOutput.FileNames(_directory.Path));
    }

    [Fact]
    public async Task Write_OneMillionLinesAcrossFiveEpochs_RoundTripsExactly()
    {
        const int LineCount = 1_000_000;
        const int Epochs = 5;
        await using var writer = Open();
        for (var epoch = 1; epoch <= Epochs; epoch++)
        {
            for (var i = (epoch - 1) * (LineCount / Epochs); i < epoch * (LineCount / Epochs); i++)
            {
                writer.WriteLine($"record {i}");
            }

            await writer.PreCommitAsync(epoch);
            await writer.CommitAsync(epoch);
        }

        var read = await SinkOutput.ReadCommittedAsync(_directory.Path);

        Assert.Equal(LineCount, read.Count);
        Assert.Equal(Enumerable.Range(0, LineCount).Select(i => $"record {i}"), read);
        Assert.Equal(Epochs, SinkOutput.FileNames(_directory.Path).Length);
    }

    private TransactionalFileSinkWriter Open(int bufferSize = TransactionalFileSinkWriter.DefaultBufferSize) =>
        TransactionalFileSinkWriter.Open(_directory.Path, SinkId, 2, bufferSize);
}
