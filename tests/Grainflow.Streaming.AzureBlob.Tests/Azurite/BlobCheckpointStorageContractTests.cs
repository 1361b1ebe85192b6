using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Tests.Checkpointing.Storage;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>
/// The checkpoint storage contract on Azurite, each test in a container of its own, at the container's root. The
/// storage is built from a connection string, as a host's configuration gives it.
/// </summary>
[Collection(AzuriteCheckpointCollection.Name)]
public class BlobCheckpointStorageContractTests(AzuriteFixture azurite) : CheckpointStorageContractTests, IAsyncLifetime
{
    protected AzuriteFixture Azurite { get; } = azurite;

    protected string ContainerName { get; } = TestStorage.NewContainerName();

    protected virtual string? Prefix => null;

    protected override ICheckpointStorage CreateStorage() => new BlobCheckpointStorage(new BlobCheckpointStorageOptions
    {
        ConnectionString = Azurite.ConnectionString,
        ContainerName = ContainerName,
        Prefix = Prefix,
        ClientOptions = TestStorage.ClientOptions(),
    });

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestStorage.DeleteContainerAsync(Azurite, ContainerName);
}
