using Grainflow.Storage.AzureBlob.Tests.Azurite;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Tests.Checkpointing.Storage;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>The checkpoint storage contract on Azurite, each test in a container of its own, at the container's root.</summary>
[Collection(AzuriteCheckpointCollection.Name)]
public class BlobCheckpointStorageContractTests(AzuriteFixture azurite) : CheckpointStorageContractTests, IAsyncLifetime
{
    protected AzuriteFixture Azurite { get; } = azurite;

    protected string ContainerName { get; } = TestStorage.NewContainerName();

    protected virtual string? Prefix => null;

    protected override ICheckpointStorage CreateStorage() =>
        new BlobCheckpointStorage(TestStorage.Options(Azurite, ContainerName, prefix: Prefix));

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestStorage.DeleteContainerAsync(Azurite, ContainerName);
}
