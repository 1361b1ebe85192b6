using Grainflow.Streaming.Checkpointing.Durability;
using Grainflow.Streaming.Tests.Sources;

namespace Grainflow.Streaming.Tests.Durability;

public sealed class DirectorySyncTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Sync_ExistingDirectory_Succeeds() => DirectorySync.Sync(_directory.Path);

    [Fact]
    public void Sync_DirectoryPrunedByConcurrentDelete_DoesNothing()
    {
        // Retention of another writer can prune a checkpoint directory between our rename into it and its sync.
        var pruned = _directory.Combine("chk-2");

        DirectorySync.Sync(pruned);

        Assert.False(Directory.Exists(pruned));
    }

    [Fact]
    public void Sync_ParentIsAFile_ThrowsIOExceptionNamingThePath()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // a no-op elsewhere
        }

        var file = _directory.Combine("file");
        File.WriteAllText(file, "x");
        var path = Path.Combine(file, "child");

        var error = Assert.Throws<IOException>(() => DirectorySync.Sync(path));

        Assert.Equal($"Could not make the directory '{path}' durable: open failed with errno 20 (Not a directory).", error.Message);
    }
}
