using Grainflow.Streaming.AzureBlob.Logs;
using Grainflow.Streaming.AzureBlob.Tests.Azurite;
using Grainflow.Streaming.Sources;
using Grainflow.Streaming.Tests.Sources;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Streaming.AzureBlob.Tests.Logs;

/// <summary>The log contract every <see cref="IReplayableLog"/> passes, on Azurite, each test in a container of its own.</summary>
[Collection(AzuriteCheckpointCollection.Name)]
public sealed class BlobLogContractTests(AzuriteFixture azurite) : LogContractTests, IAsyncLifetime
{
    // "record-NNNN" frames take 8 + 11 bytes: 10 records fill a segment, so the tests cross segments.
    private const long SmallSegmentSize = 10 * 19;

    private readonly string _containerName = TestStorage.NewContainerName();

    protected override IReplayableLog CreateLog(int partitionCount = 1) =>
        new BlobLog(TestStorage.Container(azurite, _containerName), new BlobLogOptions { PartitionCount = partitionCount, SegmentSize = SmallSegmentSize });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestStorage.DeleteContainerAsync(azurite, _containerName);
}
