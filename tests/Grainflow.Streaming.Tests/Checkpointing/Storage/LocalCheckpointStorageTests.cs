using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

/// <summary>The contract suite on local disk, plus what only a file system can get wrong.</summary>
public sealed class LocalCheckpointStorageTests : CheckpointStorageContractTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "grainflow-tests", Guid.NewGuid().ToString("N"));

    protected override ICheckpointStorage CreateStorage() => new LocalCheckpointStorage(_root);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task ListAsync_TemporaryFileInCheckpointDirectory_IsNeverListed()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1);
        var directory = Path.Combine(_root, "job-1", "chk-1");
        await File.WriteAllTextAsync(Path.Combine(directory, ".op-count_kg-0-63.0123.tmp"), "half a snapshot");

        var listed = await ListAsync("job-1/");

        Assert.Equal(
            [Layout.LatestPointerPath, Layout.ManifestPath(1), Layout.StateFilePath(1, CountLow), Layout.StateFilePath(1, CountHigh)],
            listed.Order(StringComparer.Ordinal));
        Assert.Equal(1, (await manager.LoadLatestValidAsync()).Manifest!.CheckpointId);
    }

    [Fact]
    public async Task CreateAsync_WriterThrows_LeavesNoFileOnDisk()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Storage.CreateAsync(
            "job-1/chk-1/op-a_kg-0-0",
            async (stream, token) =>
            {
                await stream.WriteAsync(new byte[100], token);
                throw new InvalidOperationException("snapshot failed");
            }));

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "job-1"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task DeleteAsync_LastFileOfDirectory_RemovesEmptyDirectories()
    {
        await Storage.CreateAsync("job-1/chk-1/op-a_kg-0-0", (stream, token) => stream.WriteAsync(new byte[1], token));

        await Storage.DeleteAsync("job-1/chk-1/op-a_kg-0-0");

        Assert.False(Directory.Exists(Path.Combine(_root, "job-1")));
        Assert.True(Directory.Exists(_root));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("job-1/../../outside")]
    [InlineData("/etc/passwd")]
    [InlineData("job-1\\chk-1")]
    [InlineData("job-1/.lock")]
    [InlineData("job-1//x")]
    public async Task TryOpenReadAsync_PathEscapingOrPrivate_ThrowsArgumentException(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await Storage.TryOpenReadAsync(path));
    }
}
