using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Checksums;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

// Writing state, publishing, aborting and reading state back.
public abstract partial class CheckpointStorageContractTests
{
    [Fact]
    public async Task PublishAsync_ThenLoadLatestValid_RoundTripsManifestAndState()
    {
        var manager = CreateManager();
        var manifest = await TakeCheckpointAsync(manager, 1);

        var published = await manager.PublishAsync(manifest, expectedLatestVersion: null);
        var recovered = await CreateManager(storage: CreateStorage()).LoadLatestValidAsync();

        Assert.Equal(1, published.CheckpointId);
        Assert.Empty(published.DeletedCheckpointIds);
        Assert.Equal(published.LatestVersion, recovered.LatestVersion);
        Assert.Equal(1, recovered.HighestCheckpointId);
        Assert.Empty(recovered.Skipped);
        Assert.Empty(recovered.Warnings);
        var loaded = recovered.Manifest;
        Assert.NotNull(loaded);
        Assert.Equal(
            (manifest.FormatVersion, manifest.JobId, manifest.TopologyFingerprint, manifest.CheckpointId, manifest.TriggeredAt, manifest.CompletedAt),
            (loaded.FormatVersion, loaded.JobId, loaded.TopologyFingerprint, loaded.CheckpointId, loaded.TriggeredAt, loaded.CompletedAt));
        Assert.Equal(manifest.SourceOffsets, loaded.SourceOffsets);
        Assert.Equal(manifest.TaskStates, loaded.TaskStates);
        Assert.Equal(["part-1-0", "part-1-1"], Assert.Single(loaded.SinkCommits).PendingFiles);
        Assert.Equal(manifest.Properties, loaded.Properties);
        foreach (var taskState in loaded.TaskStates)
        {
            Assert.Equal(Layout.StateFilePath(1, taskState.Task), taskState.Handle.Path);
            await using var stream = await manager.ReadStateAsync(taskState.Handle);
            using var content = new MemoryStream();
            await stream.CopyToAsync(content);
            Assert.Equal(StateBytes(1, taskState.Task), content.ToArray());
        }
    }

    [Fact]
    public async Task WriteStateAsync_Snapshot_HandleRecordsLengthAndCrc32C()
    {
        var manager = CreateManager();
        var bytes = StateBytes(1, CountLow);

        var handle = await manager.WriteStateAsync(1, CountLow, (stream, token) => stream.WriteAsync(bytes, token));

        Assert.Equal("job-1/chk-1/op-count_kg-0-63", handle.Path);
        Assert.Equal(bytes.Length, handle.Length);
        Assert.Equal($"crc32c:{Crc32C.Compute(bytes):x8}", handle.Checksum);
    }

    [Fact]
    public async Task ReadStateAsync_FileOfAnEarlierVersionWithSha256_VerifiesAndReads()
    {
        var manager = CreateManager();
        var bytes = StateBytes(1, CountLow);
        var written = await manager.WriteStateAsync(1, CountLow, (stream, token) => stream.WriteAsync(bytes, token));
        var sha256 = written with { Checksum = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) };

        var stream = await manager.ReadStateAsync(sha256);
        await using (stream)
        {
            var read = new MemoryStream();
            await stream.CopyToAsync(read);
            Assert.Equal(bytes, read.ToArray());
        }

        var damaged = sha256 with { Checksum = "sha256:" + new string('0', 64) };
        var wrong = await manager.ReadStateAsync(damaged);
        await using (wrong)
        {
            var error = await Assert.ThrowsAsync<CheckpointIntegrityException>(() => wrong.CopyToAsync(Stream.Null));
            Assert.Contains("sha256:" + new string('0', 64), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReadStateAsync_ChecksumOfAnUnknownAlgorithm_ThrowsIntegrityExceptionNamingIt()
    {
        var manager = CreateManager();
        var bytes = StateBytes(1, CountLow);
        var written = await manager.WriteStateAsync(1, CountLow, (stream, token) => stream.WriteAsync(bytes, token));

        var error = await Assert.ThrowsAsync<CheckpointIntegrityException>(
            async () => await manager.ReadStateAsync(written with { Checksum = "md5:" + new string('0', 32) }));

        Assert.Contains("cannot verify: 'md5:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteStateAsync_SameTaskTwice_ThrowsConflict()
    {
        var manager = CreateManager();
        await manager.WriteStateAsync(1, CountLow, (stream, token) => stream.WriteAsync(StateBytes(1, CountLow), token));

        await Assert.ThrowsAsync<CheckpointConflictException>(
            async () => await manager.WriteStateAsync(1, CountLow, (stream, token) => stream.WriteAsync(new byte[1], token)));
    }

    [Fact]
    public async Task PublishAsync_StaleExpectedVersion_ThrowsConflictAndPublishesNothing()
    {
        var manager = CreateManager();
        var first = await PublishCheckpointsAsync(manager, null, 1);
        await PublishCheckpointsAsync(manager, first, 2);
        var stale = await TakeCheckpointAsync(manager, 3);

        await Assert.ThrowsAsync<CheckpointConflictException>(async () => await manager.PublishAsync(stale, first));

        Assert.Null(await Storage.TryOpenReadAsync(Layout.ManifestPath(3)));
        Assert.Equal(2, (await manager.LoadLatestValidAsync()).Manifest!.CheckpointId);
    }

    [Fact]
    public async Task PublishAsync_ConcurrentPublishersSameExpectedVersion_ExactlyOneWins()
    {
        var first = CreateManager(storage: CreateStorage());
        var second = CreateManager(storage: CreateStorage());
        var expected = await PublishCheckpointsAsync(first, null, 1);
        var manifests = new[] { await TakeCheckpointAsync(first, 2, "a"), await TakeCheckpointAsync(second, 3, "b") };

        var outcomes = await RaceAsync(
            () => first.PublishAsync(manifests[0], expected).AsTask(),
            () => second.PublishAsync(manifests[1], expected).AsTask());

        var winner = Assert.Single(outcomes, o => o.Result is not null).Result!;
        Assert.IsType<CheckpointConflictException>(Assert.Single(outcomes, o => o.Error is not null).Error);
        var loserId = winner.CheckpointId == 2 ? 3 : 2;
        Assert.Null(await Storage.TryOpenReadAsync(Layout.ManifestPath(loserId)));
        var recovered = await CreateManager().LoadLatestValidAsync();
        Assert.Equal(winner.CheckpointId, recovered.Manifest!.CheckpointId);
        Assert.Equal(winner.LatestVersion, recovered.LatestVersion);
    }

    [Fact]
    public async Task PublishAsync_ConcurrentPublishersSameCheckpointId_ExactlyOneWins()
    {
        var first = CreateManager(storage: CreateStorage());
        var second = CreateManager(storage: CreateStorage());
        var expected = await PublishCheckpointsAsync(first, null, 1);
        var states = (await TakeCheckpointAsync(first, 2)).TaskStates;
        var fromA = CreateManifest(JobId, Fingerprint, 2, states, "a");
        var fromB = CreateManifest(JobId, Fingerprint, 2, states, "b");

        var outcomes = await RaceAsync(
            () => first.PublishAsync(fromA, expected).AsTask(),
            () => second.PublishAsync(fromB, expected).AsTask());

        Assert.Single(outcomes, o => o.Result is not null);
        var loser = Assert.Single(outcomes, o => o.Error is not null);
        Assert.IsType<CheckpointConflictException>(loser.Error);
        var winnerCoordinator = outcomes[0].Result is not null ? "a" : "b";
        var recovered = await CreateManager().LoadLatestValidAsync();
        Assert.Equal(2, recovered.Manifest!.CheckpointId);
        Assert.Equal(winnerCoordinator, recovered.Manifest.Properties["coordinator"]);
    }

    [Fact]
    public async Task PublishAsync_ManifestOfAnotherTopology_ThrowsArgumentExceptionAndWritesNothing()
    {
        var manager = CreateManager();
        var manifest = await TakeCheckpointAsync(manager, 1) with { TopologyFingerprint = "topology-b" };

        await Assert.ThrowsAsync<ArgumentException>(async () => await manager.PublishAsync(manifest, null));

        Assert.Null(await Storage.TryOpenReadAsync(Layout.ManifestPath(1)));
        Assert.Null(await Storage.TryReadVersionedAsync(Layout.LatestPointerPath));
    }

    [Fact]
    public async Task AbortAsync_InProgressCheckpoint_DeletesItsFilesAndKeepsLatest()
    {
        var manager = CreateManager();
        var version = await PublishCheckpointsAsync(manager, null, 1);
        await TakeCheckpointAsync(manager, 2);

        await manager.AbortAsync(2);

        Assert.Empty(await ListAsync(Layout.CheckpointDirectory(2)));
        var recovered = await manager.LoadLatestValidAsync();
        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Equal(version, recovered.LatestVersion);
        Assert.Equal(new long[] { 1 }, await CheckpointIdsPresentAsync());
    }

    [Fact]
    public async Task AbortAsync_PublishedCheckpoint_ThrowsAndKeepsIt()
    {
        var manager = CreateManager();
        await PublishCheckpointsAsync(manager, null, 1);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await manager.AbortAsync(1));

        Assert.Equal(1, (await manager.LoadLatestValidAsync()).Manifest!.CheckpointId);
    }

    [Fact]
    public async Task ReadStateAsync_TamperedStateFile_ThrowsIntegrityExceptionAtEnd()
    {
        var manager = CreateManager();
        var manifest = await TakeCheckpointAsync(manager, 1);
        var handle = manifest.TaskStates[0].Handle;
        var tampered = StateBytes(1, CountLow);
        tampered[0] ^= 0xFF;
        await ReplaceAsync(handle.Path, tampered);

        await using var stream = await manager.ReadStateAsync(handle);

        var error = await Assert.ThrowsAsync<CheckpointIntegrityException>(() => stream.CopyToAsync(Stream.Null));
        Assert.Equal(handle.Path, error.Path);
    }

    [Fact]
    public async Task ReadStateAsync_MissingStateFile_ThrowsIntegrityException()
    {
        var manager = CreateManager();
        var handle = new StateHandle(Layout.StateFilePath(1, CountLow), 3, "sha256:" + new string('0', 64));

        var error = await Assert.ThrowsAsync<CheckpointIntegrityException>(async () => await manager.ReadStateAsync(handle));

        Assert.Equal(handle.Path, error.Path);
    }

    private static async Task<(CheckpointPublishResult? Result, Exception? Error)[]> RaceAsync(
        params Func<Task<CheckpointPublishResult>>[] publishers)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = publishers.Select(publish => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                return ((CheckpointPublishResult?)await publish(), (Exception?)null);
            }
            catch (Exception ex)
            {
                return (null, ex);
            }
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(racers);
    }
}
