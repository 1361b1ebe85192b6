using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

// Savepoint copies racing retention (issue 9, item 9).
public abstract partial class CheckpointStorageContractTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset s_savepointTime = new(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreateSavepoint_RetentionRunsWhileCopying_CheckpointKeptUntilTheCopyIsDoneThenDeleted()
    {
        // The copy is held after the first task's state file, before it opens the second one.
        var holding = new HoldingCheckpointStorage(Storage, holdReadOf: Layout.StateFilePath(1, CountHigh));
        var manager = CreateManager(retainedCheckpoints: 1, storage: holding);
        var first = await TakeCheckpointAsync(manager, 1);
        var version = (await manager.PublishAsync(first, null)).LatestVersion;
        var copying = new SavepointStore(manager).CreateAsync(first, "sp", s_savepointTime);
        await holding.Reached.Task.WaitAsync(s_deadline);

        var second = await manager.PublishAsync(await TakeCheckpointAsync(manager, 2), version);
        var presentWhileCopying = await CheckpointIdsPresentAsync();
        holding.Gate.SetResult();
        var savepoint = await copying.WaitAsync(s_deadline);
        var loaded = await new SavepointStore(manager).LoadAsync("sp");
        var third = await manager.PublishAsync(await TakeCheckpointAsync(manager, 3), second.LatestVersion);

        Assert.Empty(second.DeletedCheckpointIds);
        Assert.Equal(new long[] { 1, 2 }, presentWhileCopying);
        Assert.Equal(("sp", 1L), (savepoint.Name, savepoint.CheckpointId));
        Assert.Equal([CountLow, CountHigh], loaded.TaskStates.Select(s => s.Task));
        Assert.Equal(StateBytes(1, CountHigh), await ReadAllAsync(Layout.SavepointStateFilePath("sp", CountHigh)));
        Assert.Equal([1L, 2L], third.DeletedCheckpointIds.Order());
        Assert.Equal(new long[] { 3 }, await CheckpointIdsPresentAsync());
    }

    [Fact]
    public async Task CreateSavepoint_CheckpointDeletedUnderAnUnheldCopy_FailsCleanlyAndTheNameCanBeUsedAgain()
    {
        // A store without the manager takes no hold, as a copy racing a deletion in another process would.
        var holding = new HoldingCheckpointStorage(Storage, holdReadOf: Layout.StateFilePath(1, CountHigh));
        var manager = CreateManager(retainedCheckpoints: 1, storage: holding);
        var first = await TakeCheckpointAsync(manager, 1);
        var version = (await manager.PublishAsync(first, null)).LatestVersion;
        var copying = new SavepointStore(holding, Layout).CreateAsync(first, "sp", s_savepointTime);
        await holding.Reached.Task.WaitAsync(s_deadline);

        var second = await manager.PublishAsync(await TakeCheckpointAsync(manager, 2), version);
        holding.Gate.SetResult();
        var error = await Assert.ThrowsAsync<CheckpointIntegrityException>(() => copying.WaitAsync(s_deadline));
        var leftAfterFailure = await ListAsync(Layout.SavepointDirectory("sp"));
        var retried = await new SavepointStore(manager).CreateAsync(await LoadPublishedAsync(manager), "sp", s_savepointTime);

        Assert.Equal([1L], second.DeletedCheckpointIds);
        Assert.Contains(Layout.StateFilePath(1, CountHigh), error.Message, StringComparison.Ordinal);
        Assert.Empty(leftAfterFailure);
        Assert.Equal(2, retried.CheckpointId);
        Assert.Equal(StateBytes(2, CountLow), await ReadAllAsync(Layout.SavepointStateFilePath("sp", CountLow)));
    }

    [Fact]
    public async Task CreateSavepoint_RetentionIsDeletingTheCheckpoint_RefusedBeforeCopyingAnything()
    {
        var holding = new HoldingCheckpointStorage(Storage, holdDeleteOf: Layout.ManifestPath(1));
        var manager = CreateManager(retainedCheckpoints: 1, storage: holding);
        var first = await TakeCheckpointAsync(manager, 1);
        var version = (await manager.PublishAsync(first, null)).LatestVersion;
        var publishing = manager.PublishAsync(await TakeCheckpointAsync(manager, 2), version).AsTask();
        await holding.Reached.Task.WaitAsync(s_deadline);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SavepointStore(manager).CreateAsync(first, "sp", s_savepointTime));
        holding.Gate.SetResult();
        var second = await publishing.WaitAsync(s_deadline);

        Assert.Equal($"Checkpoint 1 of job '{JobId}' is being deleted by retention and cannot be copied; take the savepoint again.", error.Message);
        Assert.Equal([1L], second.DeletedCheckpointIds);
        Assert.Empty(await ListAsync(Layout.SavepointsPrefix));
    }

    private static async Task<CheckpointManifest> LoadPublishedAsync(CheckpointManager manager) =>
        (await manager.LoadLatestValidAsync()).Manifest!;
}
