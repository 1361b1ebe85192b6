using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

// Falling back past a damaged checkpoint never repeats committed output silently; unpublished manifests never count.
public abstract partial class CheckpointStorageContractTests
{
    [Fact]
    public async Task LoadLatestValidAsync_NewestDamagedWithSinkOutput_ThrowsDamagedCheckpointNamingFileAndChoices()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1, 2);
        var damaged = Layout.StateFilePath(2, CountHigh);
        await Storage.DeleteAsync(damaged);

        var error = await Assert.ThrowsAsync<DamagedCheckpointException>(async () => await manager.LoadLatestValidAsync());

        Assert.Equal(
            $"Checkpoint 2 of job 'job-1' is damaged at '{damaged}' (The state file '{damaged}' is missing) and its output "
            + "may already be committed, so falling back to checkpoint 1 would repeat output. Restore a savepoint, or "
            + "accept repeated output with the AllowFallbackWithDuplicates option.",
            error.Message);
        Assert.Equal((2L, damaged, (long?)1), (error.CheckpointId, error.DamagedPath, error.FallbackCheckpointId));
    }

    [Fact]
    public async Task LoadLatestValidAsync_EveryCheckpointDamaged_ThrowsDamagedCheckpointForEmptyStart()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1, 2);
        await Storage.DeleteAsync(Layout.ManifestPath(2));
        await Storage.DeleteAsync(Layout.StateFilePath(1, CountLow));

        var error = await Assert.ThrowsAsync<DamagedCheckpointException>(async () => await manager.LoadLatestValidAsync());

        Assert.Equal((2L, Layout.ManifestPath(2), (long?)null), (error.CheckpointId, error.DamagedPath, error.FallbackCheckpointId));
        Assert.Contains("falling back to an empty start would repeat output", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadLatestValidAsync_NewestDamagedWithoutSinkOutput_FallsBackWithWarning()
    {
        var manager = CreateManager();
        var version = await PublishCheckpointsAsync(manager, null, 1);
        var quiet = await TakeCheckpointAsync(manager, 2) with { SinkCommits = [new SinkCommitRecord("sink-files", 2, [])] };
        await manager.PublishAsync(quiet, version);
        await Storage.DeleteAsync(Layout.StateFilePath(2, CountLow));

        var recovered = await manager.LoadLatestValidAsync();

        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.False(Assert.Single(recovered.Skipped).MayHaveCommittedOutput);
    }

    [Fact]
    public async Task LoadLatestValidAsync_UnpublishedManifestBelowLatest_IsNeitherRestoredNorSkipped()
    {
        var manager = CreateManager();
        var version = await PublishCheckpointsAsync(manager, null, 1);
        await WriteUnpublishedManifestAsync(manager, 2);
        await PublishCheckpointsAsync(manager, version, 3);
        await Storage.DeleteAsync(Layout.ManifestPath(3));

        var recovered = await manager.LoadLatestValidAsync(new CheckpointRecoveryOptions { AllowFallbackWithDuplicates = true });

        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Equal([3L], recovered.Skipped.Select(s => s.CheckpointId));
    }

    [Fact]
    public async Task PublishAsync_UnpublishedManifestBelowLatest_DoesNotTakeARetainedSlot()
    {
        var manager = CreateManager(retainedCheckpoints: 2);
        var version = await PublishCheckpointsAsync(manager, null, 1);
        await WriteUnpublishedManifestAsync(manager, 2);

        var result = await manager.PublishAsync(await TakeCheckpointAsync(manager, 3), version);

        Assert.Equal([2L], result.DeletedCheckpointIds);
        Assert.Equal(new long[] { 1, 3 }, await CheckpointIdsPresentAsync());
    }

    /// <summary>A coordinator that died between writing the manifest and moving the pointer.</summary>
    private async Task WriteUnpublishedManifestAsync(CheckpointManager manager, long checkpointId)
    {
        var bytes = CheckpointSerializer.SerializeManifest(await TakeCheckpointAsync(manager, checkpointId));
        await Storage.CreateAsync(Layout.ManifestPath(checkpointId), (stream, token) => stream.WriteAsync(bytes, token));
    }
}
