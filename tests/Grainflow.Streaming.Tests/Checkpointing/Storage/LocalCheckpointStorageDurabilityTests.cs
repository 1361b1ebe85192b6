using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Tests.Durability;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

/// <summary>A write, publish or delete that returned survives a power loss that drops unsynced directory updates.</summary>
public sealed class LocalCheckpointStorageDurabilityTests : IDisposable
{
    private static readonly TaskStateKey s_task = new("op-count", 0, 127);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "grainflow-tests", Guid.NewGuid().ToString("N"));
    private readonly CrashableFileSystem _fileSystem = new();

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task PublishAsync_PowerLossAfterReturn_RecoversThePublishedCheckpoint()
    {
        var manager = CreateManager();
        StorageVersion? version = null;
        for (var id = 1; id <= 2; id++)
        {
            version = (await manager.PublishAsync(await TakeCheckpointAsync(manager, id), version)).LatestVersion;
        }

        Assert.Equal(0, _fileSystem.Crash());
        var recovered = await CreateManager().LoadLatestValidAsync();
        Assert.Equal(2, recovered.Manifest!.CheckpointId);
        Assert.Empty(recovered.Skipped);
    }

    [Fact]
    public async Task DeleteAsync_PowerLossAfterReturn_FileStaysDeleted()
    {
        var storage = new LocalCheckpointStorage(_root, null, _fileSystem);
        await storage.CreateAsync("job-1/chk-1/a", (stream, token) => stream.WriteAsync(new byte[] { 1 }, token));
        await storage.CreateAsync("job-1/chk-1/b", (stream, token) => stream.WriteAsync(new byte[] { 2 }, token));

        Assert.True(await storage.DeleteAsync("job-1/chk-1/a"));

        Assert.Equal(0, _fileSystem.Crash());
        Assert.False(File.Exists(Path.Combine(_root, "job-1", "chk-1", "a")));
    }

    [Fact]
    public async Task CreateAsync_NewDirectories_SyncsEachParentAndTheTarget()
    {
        var storage = new LocalCheckpointStorage(_root, null, _fileSystem);
        _fileSystem.Log.Clear();

        await storage.CreateAsync("job-1/chk-1/a", (stream, token) => stream.WriteAsync(new byte[] { 1 }, token));

        Assert.Equal(4, _fileSystem.Log.Count);
        Assert.Equal(["sync " + Path.GetFileName(_root), "sync job-1"], _fileSystem.Log[..2]);
        Assert.StartsWith("move .a.", _fileSystem.Log[2], StringComparison.Ordinal);
        Assert.Equal("sync chk-1", _fileSystem.Log[3]);
    }

    [Fact]
    public async Task CreateAsync_TemporaryFileReclaimedByAnotherWritersRetention_ThrowsCheckpointConflict()
    {
        var storage = new LocalCheckpointStorage(_root, null, new ReclaimingBeforeRename());

        var error = await Assert.ThrowsAsync<CheckpointConflictException>(async () =>
            await storage.CreateAsync("job-1/chk-2/_metadata", (stream, token) => stream.WriteAsync(new byte[] { 1 }, token)));

        Assert.Equal("job-1/chk-2/_metadata", error.Path);
        Assert.IsType<FileNotFoundException>(error.InnerException);
    }

    private CheckpointManager CreateManager() =>
        new(new LocalCheckpointStorage(_root, null, _fileSystem), "job-1", "topology-a", new CapturingLogger<CheckpointManager>());

    private static async Task<CheckpointManifest> TakeCheckpointAsync(CheckpointManager manager, long id)
    {
        var handle = await manager.WriteStateAsync(id, s_task, (stream, token) => stream.WriteAsync(new byte[] { (byte)id }, token));
        return new CheckpointManifest(
            CheckpointManifest.CurrentFormatVersion, "job-1", "topology-a", id, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            [], [new TaskStateRecord(s_task, handle)], [], new Dictionary<string, string>());
    }

    /// <summary>Deletes the temporary file just before its rename, as a concurrent retention would.</summary>
    private sealed class ReclaimingBeforeRename : Grainflow.Streaming.Checkpointing.Durability.FileSystemOperations
    {
        public override void Move(string sourcePath, string destinationPath, bool overwrite)
        {
            File.Delete(sourcePath);
            base.Move(sourcePath, destinationPath, overwrite);
        }
    }
}
