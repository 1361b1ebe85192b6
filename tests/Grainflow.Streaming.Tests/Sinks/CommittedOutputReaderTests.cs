using Grainflow.Streaming.Sinks;
using Grainflow.Streaming.Tests.Sources;

namespace Grainflow.Streaming.Tests.Sinks;

public sealed class CommittedOutputReaderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadLinesAsync_StagedAndHiddenFiles_ReadsOnlyVisibleFilesInNameOrder()
    {
        await File.WriteAllTextAsync(_directory.Combine("part-b.txt"), "b1\nb2\n");
        await File.WriteAllTextAsync(_directory.Combine("_part-c.pending"), "staged\n");
        await File.WriteAllTextAsync(_directory.Combine(".probe"), "hidden\n");
        await File.WriteAllTextAsync(_directory.Combine("part-a.txt"), "a1\n");
        Directory.CreateDirectory(_directory.Combine("part-d"));

        Assert.Equal([_directory.Combine("part-a.txt"), _directory.Combine("part-b.txt")], CommittedOutputReader.ListCommittedFiles(_directory.Path));
        Assert.Equal(["a1", "b1", "b2"], await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task ReadLinesAsync_MissingDirectory_ReadsNothing()
    {
        Assert.Empty(await SinkOutput.ReadCommittedAsync(_directory.Combine("missing")));
    }
}
