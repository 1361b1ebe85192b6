using Azure;
using Azure.Core.Pipeline;
using Azure.Storage;
using Grainflow.Streaming.AzureBlob.Tests.Fakes;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Tests.Shared.Azurite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>
/// Azurite stopped under a running job, then restarted on the same port and data. These tests stop their own
/// emulator (a class fixture), never the shared one.
/// </summary>
public sealed class AzuriteRestartTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly TaskStateKey s_task = new("op-count", 0, 127);

    private readonly AzuriteFixture _azurite;
    private readonly string _containerName = TestStorage.NewContainerName();
    private readonly LoopbackOnlyHandler _requests = new();
    private readonly HttpClientTransport _transport;

    public AzuriteRestartTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _transport = new HttpClientTransport(_requests);
    }

    public void Dispose() => _transport.Dispose();

    [Fact]
    public async Task PublishAsync_AzuriteStopped_FailsWithoutPublishingAndSucceedsAfterRestart()
    {
        var storage = CreateStorage();
        var manager = CreateManager(storage);
        var first = await PublishAsync(manager, 1, expected: null);
        var manifest = CheckpointFaultTests.Manifest(2, await WriteStateAsync(manager, 2));

        await _azurite.StopAsync();
        var publishError = await Assert.ThrowsAsync<RequestFailedException>(async () => await manager.PublishAsync(manifest, first));
        var writeError = await Assert.ThrowsAsync<RequestFailedException>(async () => await WriteStateAsync(manager, 3));
        await _azurite.RestartAsync();

        Assert.Equal(0, publishError.Status);
        Assert.Equal(0, writeError.Status);
        var recovered = await CreateManager(CreateStorage()).LoadLatestValidAsync();
        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Equal(first, recovered.LatestVersion);
        Assert.Null(await storage.TryOpenReadAsync(manager.Layout.ManifestPath(2)));
        Assert.Empty(await BlobCheckpointStorageTests.ListAsync(storage, manager.Layout.CheckpointDirectory(3)));

        var second = (await manager.PublishAsync(manifest, first)).LatestVersion;

        var afterRestart = await CreateManager(CreateStorage()).LoadLatestValidAsync();
        Assert.Equal(2, afterRestart.Manifest!.CheckpointId);
        Assert.Equal(second, afterRestart.LatestVersion);
        Assert.Empty(afterRestart.Skipped);
    }

    [Fact]
    public async Task CreateAsync_AzuriteStoppedMidUpload_NothingVisibleAfterRestart()
    {
        var storage = TestStorage.Create(
            _azurite,
            _containerName,
            TestStorage.ClientOptions(_transport, maxRetries: 2),
            transfer: new StorageTransferOptions { InitialTransferSize = 1024, MaximumTransferSize = 2048, MaximumConcurrency = 1 });
        var manager = CreateManager(storage);
        await PublishAsync(manager, 1, expected: null);

        var error = await Assert.ThrowsAsync<RequestFailedException>(async () => await manager.WriteStateAsync(2, s_task, async (stream, token) =>
        {
            await stream.WriteAsync(new byte[6_000], token);
            await Deadline.WaitUntilAsync(
                () => _requests.Count(r => r.Contains("comp=block&", StringComparison.Ordinal)) >= 2, "two blocks are staged");
            await _azurite.StopAsync();
            await stream.WriteAsync(new byte[6_000], token);
        }));
        await _azurite.RestartAsync();

        Assert.Equal(0, error.Status);
        Assert.Null(await storage.TryOpenReadAsync(manager.Layout.StateFilePath(2, s_task)));
        Assert.Empty(await BlobCheckpointStorageTests.ListAsync(storage, manager.Layout.CheckpointDirectory(2)));
        var recovered = await CreateManager(CreateStorage()).LoadLatestValidAsync();
        Assert.Equal(1, recovered.Manifest!.CheckpointId);
    }

    private BlobCheckpointStorage CreateStorage() =>
        TestStorage.Create(_azurite, _containerName, TestStorage.ClientOptions(_transport, maxRetries: 2));

    private static CheckpointManager CreateManager(ICheckpointStorage storage) =>
        new(storage, "job-1", "topology-a", NullLogger<CheckpointManager>.Instance);

    private static async Task<StateHandle> WriteStateAsync(CheckpointManager manager, long checkpointId)
    {
        var bytes = new byte[100];
        bytes[0] = (byte)checkpointId;
        return await manager.WriteStateAsync(checkpointId, s_task, (stream, token) => stream.WriteAsync(bytes, token));
    }

    private static async Task<StorageVersion> PublishAsync(CheckpointManager manager, long checkpointId, StorageVersion? expected)
    {
        var manifest = CheckpointFaultTests.Manifest(checkpointId, await WriteStateAsync(manager, checkpointId));
        return (await manager.PublishAsync(manifest, expected)).LatestVersion;
    }
}
