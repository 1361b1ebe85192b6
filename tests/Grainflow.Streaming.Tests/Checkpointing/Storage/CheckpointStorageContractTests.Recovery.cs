using Grainflow.Streaming.Checkpointing.Storage;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

// Recovery: the newest published checkpoint that verifies, falling back past damaged ones when allowed.
public abstract partial class CheckpointStorageContractTests
{
    private const int CheckpointSkippedEventId = 2110;

    [Fact]
    public async Task LoadLatestValidAsync_NoCheckpoints_ReturnsNoManifest()
    {
        var recovered = await CreateManager().LoadLatestValidAsync();

        Assert.Null(recovered.Manifest);
        Assert.Null(recovered.LatestVersion);
        Assert.Equal(0, recovered.HighestCheckpointId);
        Assert.Empty(recovered.Skipped);
    }

    [Fact]
    public async Task LoadLatestValidAsync_TornManifest_AllowedFallbackFallsBackToPrevious()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1, 2);
        var manifestPath = Layout.ManifestPath(2);
        var whole = (await ReadAllAsync(manifestPath))!;
        await ReplaceAsync(manifestPath, whole[..(whole.Length / 2)]);

        var recovered = await LoadAllowingFallbackAsync(manager);

        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        var skipped = Assert.Single(recovered.Skipped);
        Assert.Equal((2L, manifestPath), (skipped.CheckpointId, skipped.DamagedPath));
        AssertSingleSkipWarning(2, manifestPath);
    }

    [Fact]
    public async Task LoadLatestValidAsync_MissingManifest_AllowedFallbackFallsBackToPrevious()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1, 2);
        await Storage.DeleteAsync(Layout.ManifestPath(2));

        var recovered = await LoadAllowingFallbackAsync(manager);

        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Equal(Layout.ManifestPath(2), Assert.Single(recovered.Skipped).DamagedPath);
        Assert.Equal(2, recovered.HighestCheckpointId);
        AssertSingleSkipWarning(2, Layout.ManifestPath(2));
    }

    [Fact]
    public async Task LoadLatestValidAsync_StateChecksumMismatch_AllowedFallbackFallsBackAndWarningNamesFile()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1, 2);
        var damaged = Layout.StateFilePath(2, CountHigh);
        var bytes = StateBytes(2, CountHigh);
        bytes[^1] ^= 0x01;
        await ReplaceAsync(damaged, bytes);

        var recovered = await LoadAllowingFallbackAsync(manager);

        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        var skipped = Assert.Single(recovered.Skipped);
        Assert.Equal(damaged, skipped.DamagedPath);
        Assert.Contains("checksum", skipped.Reason, StringComparison.Ordinal);
        AssertSingleSkipWarning(2, damaged);
    }

    [Fact]
    public async Task LoadLatestValidAsync_StateFileTruncated_AllowedFallbackFallsBackToPrevious()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1, 2);
        var damaged = Layout.StateFilePath(2, CountLow);
        await ReplaceAsync(damaged, StateBytes(2, CountLow)[..5]);

        var recovered = await LoadAllowingFallbackAsync(manager);

        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Equal(damaged, Assert.Single(recovered.Skipped).DamagedPath);
    }

    [Fact]
    public async Task LoadLatestValidAsync_MissingStateFile_AllowedFallbackFallsBackToPrevious()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1, 2);
        var damaged = Layout.StateFilePath(2, CountLow);
        await Storage.DeleteAsync(damaged);

        var recovered = await LoadAllowingFallbackAsync(manager);

        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Equal(damaged, Assert.Single(recovered.Skipped).DamagedPath);
        AssertSingleSkipWarning(2, damaged);
    }

    [Fact]
    public async Task LoadLatestValidAsync_EveryCheckpointDamaged_AllowedFallbackReturnsNoManifestAndSkipsAllNewestFirst()
    {
        var manager = CreateManager();
        var version = await PublishCheckpointsAsync(manager, null, 1, 2);
        await Storage.DeleteAsync(Layout.StateFilePath(1, CountLow));
        await Storage.DeleteAsync(Layout.ManifestPath(2));

        var recovered = await LoadAllowingFallbackAsync(manager);

        Assert.Null(recovered.Manifest);
        Assert.Equal(version, recovered.LatestVersion);
        Assert.Equal([2L, 1L], recovered.Skipped.Select(s => s.CheckpointId));
        Assert.Equal(2, recovered.Warnings.Count);
    }

    [Fact]
    public async Task LoadLatestValidAsync_NewerUnpublishedManifest_IsNotRestored()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1);
        // A coordinator that died between writing the manifest and moving the pointer.
        var unpublished = await TakeCheckpointAsync(manager, 2);
        var bytes = CheckpointSerializer.SerializeManifest(unpublished);
        await Storage.CreateAsync(Layout.ManifestPath(2), (stream, token) => stream.WriteAsync(bytes, token));

        var recovered = await manager.LoadLatestValidAsync();

        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Equal(2, recovered.HighestCheckpointId);
        Assert.Empty(recovered.Skipped);
    }

    [Fact]
    public async Task LoadLatestValidAsync_AbortedCheckpointBelowLatest_AllowedFallbackIsPassedOverWithoutWarning()
    {
        var manager = CreateManager();
        var version = await PublishCheckpointsAsync(manager, null, 1);
        await PublishCheckpointsAsync(manager, version, 3);
        await TakeCheckpointAsync(manager, 2); // a straggler's upload for an aborted checkpoint
        await Storage.DeleteAsync(Layout.ManifestPath(3));

        var recovered = await LoadAllowingFallbackAsync(manager);

        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Equal(3, Assert.Single(recovered.Skipped).CheckpointId);
        AssertSingleSkipWarning(3, Layout.ManifestPath(3));
    }

    [Theory]
    [InlineData("job-1/chk-1/op-count_kg-0-63")]
    [InlineData("job-1/chk-2/..")]
    [InlineData("job-1/chk-2/_metadata")]
    public async Task LoadLatestValidAsync_HandleOutsideItsCheckpoint_AllowedFallbackSkipsIt(string foreignPath)
    {
        var manager = CreateManager();
        var version = await PublishCheckpointsAsync(manager, null, 1);
        var borrowed = (await manager.LoadLatestValidAsync()).Manifest!.TaskStates[0];
        var forged = CreateManifest(JobId, Fingerprint, 2, [borrowed with { Handle = borrowed.Handle with { Path = foreignPath } }]);
        var bytes = CheckpointSerializer.SerializeManifest(forged);
        await Storage.CreateAsync(Layout.ManifestPath(2), (stream, token) => stream.WriteAsync(bytes, token));
        await Storage.WriteConditionalAsync(
            Layout.LatestPointerPath,
            CheckpointSerializer.SerializePointer(new LatestCheckpointPointer(CheckpointManifest.CurrentFormatVersion, 2)),
            version);

        var recovered = await LoadAllowingFallbackAsync(manager);

        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Equal(foreignPath, Assert.Single(recovered.Skipped).DamagedPath);
    }

    [Fact]
    public async Task PublishAsync_HandleOutsideItsCheckpoint_ThrowsArgumentException()
    {
        var manager = CreateManager();
        var states = (await TakeCheckpointAsync(manager, 1)).TaskStates;

        await Assert.ThrowsAsync<ArgumentException>(
            async () => await manager.PublishAsync(CreateManifest(JobId, Fingerprint, 2, states), null));

        Assert.Null(await Storage.TryReadVersionedAsync(Layout.LatestPointerPath));
    }

    [Fact]
    public async Task LoadLatestValidAsync_TopologyMismatch_ThrowsIncompatibleCheckpoint()
    {
        await PublishCheckpointsAsync(CreateManager(), null, 1);

        var error = await Assert.ThrowsAsync<IncompatibleCheckpointException>(
            async () => await CreateManager(fingerprint: "topology-b").LoadLatestValidAsync());

        Assert.Contains("topology-a", error.Message, StringComparison.Ordinal);
        Assert.Contains("topology-b", error.Message, StringComparison.Ordinal);
        Assert.Contains("--checkpoint-dir", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadLatestValidAsync_OtherTopologySupersededByTheRestoredSavepoint_FindsNoCheckpointButCountsItsId()
    {
        await PublishCheckpointsAsync(CreateManager(), null, 1, 2);

        var recovered = await CreateManager(fingerprint: "topology-b").LoadLatestValidAsync(new CheckpointRecoveryOptions { SupersedingSavepointId = 2 });

        Assert.Null(recovered.Manifest);
        Assert.Equal(2, recovered.HighestCheckpointId);
        Assert.Empty(recovered.Skipped);
    }

    [Fact]
    public async Task LoadLatestValidAsync_OtherTopologyNewerThanTheRestoredSavepoint_ThrowsIncompatibleCheckpoint()
    {
        await PublishCheckpointsAsync(CreateManager(), null, 1, 2);

        await Assert.ThrowsAsync<IncompatibleCheckpointException>(
            async () => await CreateManager(fingerprint: "topology-b").LoadLatestValidAsync(new CheckpointRecoveryOptions { SupersedingSavepointId = 1 }));
    }

    [Fact]
    public async Task LoadLatestValidAsync_CheckpointsOfAnotherJob_ThrowsIncompatibleCheckpoint()
    {
        await PublishCheckpointsAsync(CreateManager(), null, 1);
        await CopyJobAsync(JobId, "job-2");

        var error = await Assert.ThrowsAsync<IncompatibleCheckpointException>(
            async () => await CreateManager(jobId: "job-2").LoadLatestValidAsync());

        Assert.Contains("'job-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--checkpoint-dir", error.Message, StringComparison.Ordinal);
    }

    private static ValueTask<CheckpointRecoveryResult> LoadAllowingFallbackAsync(CheckpointManager manager) =>
        manager.LoadLatestValidAsync(new CheckpointRecoveryOptions { AllowFallbackWithDuplicates = true });

    private void AssertSingleSkipWarning(long checkpointId, string damagedPath)
    {
        var warning = Assert.Single(Logger.Warnings);
        Assert.Equal(CheckpointSkippedEventId, warning.EventId.Id);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains($"Checkpoint {checkpointId} ", warning.Message, StringComparison.Ordinal);
        Assert.Contains(damagedPath, warning.Message, StringComparison.Ordinal);
    }

    /// <summary>Copies one job's objects under another job id, as someone copying a checkpoint directory would.</summary>
    private async Task CopyJobAsync(string fromJobId, string toJobId)
    {
        var from = new CheckpointStorageLayout(fromJobId);
        var to = new CheckpointStorageLayout(toJobId);
        foreach (var path in await ListAsync(fromJobId + "/"))
        {
            var target = toJobId + path[fromJobId.Length..];
            if (path == from.LatestPointerPath)
            {
                var pointer = await Storage.TryReadVersionedAsync(path);
                await Storage.WriteConditionalAsync(to.LatestPointerPath, pointer!.Content, expectedVersion: null);
                continue;
            }

            var bytes = (await ReadAllAsync(path))!;
            await Storage.CreateAsync(target, (stream, token) => stream.WriteAsync(bytes, token));
        }
    }
}
