using System.Text;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

// Retention after a publish.
public abstract partial class CheckpointStorageContractTests
{
    [Fact]
    public async Task PublishAsync_WithinRetainedCount_DeletesNothing()
    {
        var manager = CreateManager(retainedCheckpoints: 3);
        var version = await PublishCheckpointsAsync(manager, null, 1, 2);

        var result = await manager.PublishAsync(await TakeCheckpointAsync(manager, 3), version);

        Assert.Empty(result.DeletedCheckpointIds);
        Assert.Equal(new long[] { 1, 2, 3 }, await CheckpointIdsPresentAsync());
    }

    [Fact]
    public async Task PublishAsync_BeyondRetainedCount_DeletesOnlyOlderCompletedAndAbandonedCheckpoints()
    {
        var manager = CreateManager(retainedCheckpoints: 3);
        var version = await PublishCheckpointsAsync(manager, null, 1, 2, 3);
        await TakeCheckpointAsync(manager, 4); // aborted by a crash: state files, no manifest
        var savepointFiles = new[] { Layout.SavepointStateFilePath("before-upgrade", CountLow), Layout.SavepointManifestPath("before-upgrade") };
        foreach (var path in savepointFiles)
        {
            await Storage.CreateAsync(path, (stream, token) => stream.WriteAsync(Encoding.UTF8.GetBytes(path), token));
        }

        var fifth = await manager.PublishAsync(await TakeCheckpointAsync(manager, 5), version);
        await TakeCheckpointAsync(manager, 7); // in flight, newer than anything published
        var sixth = await manager.PublishAsync(await TakeCheckpointAsync(manager, 6), fifth.LatestVersion);

        Assert.Equal([1L, 4L], fifth.DeletedCheckpointIds);
        Assert.Equal([2L], sixth.DeletedCheckpointIds);
        Assert.Equal(new long[] { 3, 5, 6, 7 }, await CheckpointIdsPresentAsync());
        Assert.Equal(
            [Layout.StateFilePath(7, CountLow), Layout.StateFilePath(7, CountHigh)],
            (await ListAsync(Layout.CheckpointDirectory(7))).Order(StringComparer.Ordinal));
        Assert.Equal(savepointFiles.Order(StringComparer.Ordinal), await ListAsync(Layout.SavepointDirectory("before-upgrade")));
        Assert.Equal(6, (await manager.LoadLatestValidAsync()).Manifest!.CheckpointId);
    }

    [Fact]
    public async Task PublishAsync_RetainedOne_KeepsOnlyThePublishedCheckpoint()
    {
        var manager = CreateManager(retainedCheckpoints: 1);

        await PublishCheckpointsAsync(manager, null, 1, 2, 3);

        Assert.Equal(new long[] { 3 }, await CheckpointIdsPresentAsync());
    }
}
