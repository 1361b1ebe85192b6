using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

// Recovering exactly past a damaged newest checkpoint: the older checkpoint is restored with the damaged one's manifest
// to replay up to; where its offsets are unknown, the refusal stays.
public abstract partial class CheckpointStorageContractTests
{
    private static readonly CheckpointRecoveryOptions s_replay = new() { ReplayPastDamagedCheckpoint = true };

    [Fact]
    public async Task LoadLatestValidAsync_NewestStateDamagedAndReplayPossible_RestoresThePreviousAndReplaysThroughTheDamagedOne()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1, 2);
        var damaged = Layout.StateFilePath(2, CountHigh);
        await Storage.DeleteAsync(damaged);

        var recovered = await manager.LoadLatestValidAsync(s_replay);

        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Equal(2, recovered.ReplayThrough!.CheckpointId);
        Assert.Equal([200L, 207L], recovered.ReplayThrough.SourceOffsets.Select(o => o.Offset));
        Assert.Equal([2L], recovered.Skipped.Select(s => s.CheckpointId));
        var logged = Assert.Single(Logger.Entries, e => e.EventId.Id == 2115);
        Assert.Equal(
            $"Job job-1 recovers exactly past damaged checkpoint 2 (damaged at {damaged}) by replaying from checkpoint 1 up to its source "
            + "offsets; the output it committed is not written again",
            logged.Message);
    }

    [Fact]
    public async Task LoadLatestValidAsync_TwoNewestDamagedAndTheNewestManifestReadable_ReplaysFromTheOldestThroughTheNewest()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1, 2, 3);
        await Storage.DeleteAsync(Layout.StateFilePath(2, CountHigh));
        await Storage.DeleteAsync(Layout.StateFilePath(3, CountLow));

        var recovered = await manager.LoadLatestValidAsync(s_replay);

        Assert.Equal((1L, 3L), (recovered.Manifest!.CheckpointId, recovered.ReplayThrough!.CheckpointId));
        Assert.Equal([3L, 2L], recovered.Skipped.Select(s => s.CheckpointId));
    }

    [Fact]
    public async Task LoadLatestValidAsync_NewestManifestTornAndReplayAsked_ThrowsDamagedCheckpointNamingTheManifest()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1, 2);
        var manifest = Layout.ManifestPath(2);
        var bytes = (await ReadAllAsync(manifest))!;
        await ReplaceAsync(manifest, bytes[..(bytes.Length / 2)]);

        var error = await Assert.ThrowsAsync<DamagedCheckpointException>(async () => await manager.LoadLatestValidAsync(s_replay));

        Assert.Equal((2L, manifest, (long?)1), (error.CheckpointId, error.DamagedPath, error.FallbackCheckpointId));
    }

    [Fact]
    public async Task LoadLatestValidAsync_NewestDamagedAndNoOlderCheckpointVerifies_ThrowsDamagedCheckpointForEmptyStart()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1, 2);
        await Storage.DeleteAsync(Layout.StateFilePath(2, CountLow));
        await Storage.DeleteAsync(Layout.StateFilePath(1, CountLow));

        var error = await Assert.ThrowsAsync<DamagedCheckpointException>(async () => await manager.LoadLatestValidAsync(s_replay));

        Assert.Equal((2L, (long?)null), (error.CheckpointId, error.FallbackCheckpointId));
    }

    [Fact]
    public async Task LoadLatestValidAsync_DamagedManifestLacksAnOffsetOfThePrevious_ThrowsDamagedCheckpoint()
    {
        var manager = CreateManager();
        var version = await PublishCheckpointsAsync(manager, null, 1);
        var partial = await TakeCheckpointAsync(manager, 2);
        await manager.PublishAsync(partial with { SourceOffsets = [partial.SourceOffsets[0]] }, version);
        await Storage.DeleteAsync(Layout.StateFilePath(2, CountLow));

        var error = await Assert.ThrowsAsync<DamagedCheckpointException>(async () => await manager.LoadLatestValidAsync(s_replay));

        Assert.Equal((2L, (long?)1), (error.CheckpointId, error.FallbackCheckpointId));
    }

    [Fact]
    public async Task LoadLatestValidAsync_NewestDamagedWithoutSinkOutputAndReplayPossible_FallsBackWithoutReplay()
    {
        var manager = CreateManager();
        var version = await PublishCheckpointsAsync(manager, null, 1);
        var quiet = await TakeCheckpointAsync(manager, 2) with { SinkCommits = [new SinkCommitRecord("sink-files", 2, [])] };
        await manager.PublishAsync(quiet, version);
        await Storage.DeleteAsync(Layout.StateFilePath(2, CountLow));

        var recovered = await manager.LoadLatestValidAsync(s_replay);

        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Null(recovered.ReplayThrough);
    }
}
