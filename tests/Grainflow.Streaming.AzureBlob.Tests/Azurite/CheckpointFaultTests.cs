using Azure;
using Azure.Core;
using Grainflow.Streaming.AzureBlob.Faults;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Tests.Shared.Azurite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>The checkpoint protocol over a flaky pipeline to Azurite: retries hide moderate faults, and a failure that
/// outlives them publishes nothing.</summary>
[Collection(AzuriteCheckpointCollection.Name)]
public sealed class CheckpointFaultTests(AzuriteFixture azurite) : AzuriteContainerTests(azurite)
{
    private const string JobId = "job-1";
    private static readonly TaskStateKey s_task = new("op-count", 0, 127);

    private readonly FlakyBlobPolicy _flaky = new(seed: 7);

    [Fact]
    public async Task WriteStateAsync_EveryRequestFailsAndRetriesExhausted_ThrowsRequestFailedExceptionNamingTheBlobAndWritesNothing()
    {
        var manager = CreateManager(maxRetries: 2);
        await PublishAsync(manager, 1, expected: null);
        _flaky.FailureRate = 1;

        var error = await Assert.ThrowsAsync<RequestFailedException>(async () => await WriteStateAsync(manager, 2));

        Assert.True(error.Status is 0 or 500 or 503, $"status {error.Status}");
        Assert.Contains(ContainerName + "/job-1/chk-2/", error.Message, StringComparison.Ordinal);
        _flaky.FailureRate = 0;
        Assert.Empty(await BlobCheckpointStorageTests.ListAsync(manager.StorageForTests, manager.Layout.CheckpointDirectory(2)));
        Assert.Equal(1, (await CreateManager().LoadLatestValidAsync()).Manifest!.CheckpointId);
    }

    [Fact]
    public async Task PublishAsync_EveryRequestFailsAndRetriesExhausted_ThrowsAndLatestStaysPrevious()
    {
        var manager = CreateManager(maxRetries: 2);
        var version = await PublishAsync(manager, 1, expected: null);
        var manifest = Manifest(2, await WriteStateAsync(manager, 2));
        _flaky.FailureRate = 1;

        await Assert.ThrowsAsync<RequestFailedException>(async () => await manager.PublishAsync(manifest, version));

        _flaky.FailureRate = 0;
        var recovered = await CreateManager().LoadLatestValidAsync();
        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Equal(version, recovered.LatestVersion);
        Assert.Null(await manager.StorageForTests.TryOpenReadAsync(manager.Layout.ManifestPath(2)));
    }

    [Fact]
    public async Task PublishAsync_PointerUpdateFailsAfterManifestWritten_ThrowsAndRecoveryIgnoresTheManifest()
    {
        var manager = CreateManager(maxRetries: 2);
        var version = await PublishAsync(manager, 1, expected: null);
        var manifest = Manifest(2, await WriteStateAsync(manager, 2));
        _flaky.Filter = request => request.Method == RequestMethod.Put
            && request.Uri.Path.EndsWith("/" + CheckpointStorageLayout.LatestPointerFileName, StringComparison.Ordinal);
        _flaky.FailureRate = 1;

        await Assert.ThrowsAsync<RequestFailedException>(async () => await manager.PublishAsync(manifest, version));

        _flaky.FailureRate = 0;
        var recovered = await CreateManager().LoadLatestValidAsync();
        Assert.Equal(1, recovered.Manifest!.CheckpointId);
        Assert.Equal(version, recovered.LatestVersion);
        Assert.Equal(2, recovered.HighestCheckpointId);
        Assert.NotNull(await manager.StorageForTests.TryOpenReadAsync(manager.Layout.ManifestPath(2)));
    }

    [Fact]
    public async Task PublishAsync_ModerateFaultsIncludingLostResponses_RetriesMakeEveryPublishSucceed()
    {
        _flaky.Faults = BlobFaultKinds.All;
        _flaky.FailureRate = 0.3;
        _flaky.MaxLatency = TimeSpan.FromMilliseconds(2);
        var manager = CreateManager(maxRetries: 10);

        StorageVersion? version = null;
        for (var id = 1; id <= 5; id++)
        {
            version = await PublishAsync(manager, id, version);
        }

        Assert.True(_flaky.InjectedFaultCount > 0);
        _flaky.FailureRate = 0;
        var recovered = await CreateManager().LoadLatestValidAsync();
        Assert.Equal(5, recovered.Manifest!.CheckpointId);
        Assert.Equal(version, recovered.LatestVersion);
        Assert.Empty(recovered.Skipped);
        await using var state = await manager.Manager.ReadStateAsync(recovered.Manifest.TaskStates[0].Handle);
        using var content = new MemoryStream();
        await state.CopyToAsync(content);
        Assert.Equal(StateBytes(5), content.ToArray());
        Assert.Equal(new long[] { 3, 4, 5 }, await CheckpointIdsAsync(manager));
    }

    private ManagerUnderTest CreateManager(int maxRetries = 4)
    {
        var storage = TestStorage.Create(Azurite, ContainerName, TestStorage.ClientOptions(faults: _flaky, maxRetries: maxRetries));
        return new ManagerUnderTest(
            new CheckpointManager(storage, JobId, "topology-a", NullLogger<CheckpointManager>.Instance, new CheckpointManagerOptions { RetainedCheckpoints = 3 }),
            storage);
    }

    private static byte[] StateBytes(long checkpointId) => System.Text.Encoding.UTF8.GetBytes($"state at checkpoint {checkpointId}");

    private static async Task<StateHandle> WriteStateAsync(ManagerUnderTest manager, long checkpointId)
    {
        var bytes = StateBytes(checkpointId);
        return await manager.Manager.WriteStateAsync(checkpointId, s_task, (stream, token) => stream.WriteAsync(bytes, token));
    }

    private static async Task<StorageVersion> PublishAsync(ManagerUnderTest manager, long checkpointId, StorageVersion? expected)
    {
        var manifest = Manifest(checkpointId, await WriteStateAsync(manager, checkpointId));
        return (await manager.Manager.PublishAsync(manifest, expected)).LatestVersion;
    }

    internal static CheckpointManifest Manifest(long checkpointId, StateHandle handle) =>
        new(
            CheckpointManifest.CurrentFormatVersion,
            JobId,
            "topology-a",
            checkpointId,
            DateTimeOffset.UnixEpoch.AddMinutes(checkpointId),
            DateTimeOffset.UnixEpoch.AddMinutes(checkpointId).AddSeconds(1),
            [new SourceOffsetRecord("src", 0, checkpointId * 10)],
            [new TaskStateRecord(s_task, handle)],
            [],
            new Dictionary<string, string>());

    private static async Task<long[]> CheckpointIdsAsync(ManagerUnderTest manager)
    {
        var ids = new SortedSet<long>();
        foreach (var path in await BlobCheckpointStorageTests.ListAsync(manager.StorageForTests, manager.Layout.CheckpointsPrefix))
        {
            Assert.True(manager.Layout.TryParseCheckpointPath(path, out var id, out _));
            ids.Add(id);
        }

        return [.. ids];
    }
}
