using Grainflow.Streaming.AzureBlob.Tests.Fakes;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>
/// What the test classes of the Azurite collection set up alike: the collection's Azurite, a container of their own
/// for each test (each test gets a new instance), deleted after it, and a capture of the logs of what the test builds.
/// </summary>
/// <remarks>Derived classes still carry <c>[Collection(AzuriteCheckpointCollection.Name)]</c>: xUnit reads it from the test class itself.</remarks>
public abstract class AzuriteContainerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>The collection's Azurite.</summary>
    protected AzuriteFixture Azurite { get; } = azurite;

    /// <summary>This test's container, created by whatever the test does first and deleted after it.</summary>
    protected string ContainerName { get; } = TestStorage.NewContainerName();

    /// <summary>The log lines of the storages and clients the test hands it to.</summary>
    private protected LogCapture Log { get; } = new();

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task DisposeAsync() => TestStorage.DeleteContainerAsync(Azurite, ContainerName);
}
